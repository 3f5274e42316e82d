namespace Gazette.Features.Redirects;

internal static class RedirectsSetup
{
    public static IServiceCollection AddRedirects(this IServiceCollection services)
    {
        services.AddSingleton<RedirectLookup>();
        services.AddScoped<SaveRedirect>();
        return services;
    }

    /// <summary>Put after the status-code pages, so a 404 it turns into a 301 never shows the error page.</summary>
    public static IApplicationBuilder UseRedirects(this IApplicationBuilder app) => app.UseMiddleware<RedirectMiddleware>();
}
