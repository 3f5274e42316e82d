using Microsoft.Net.Http.Headers;

namespace Gazette.Infrastructure;

internal static class SiteAssets
{
    /// <summary>
    /// Serves wwwroot with the classic static-file middleware, which behaves the same under
    /// <c>dotnet run</c>, a published build and the test host. Pages link assets with
    /// <c>asp-append-version</c>, so a versioned URL can be cached for a year.
    /// </summary>
    public static IApplicationBuilder UseSiteAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
                context.Context.Response.Headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v")
                    ? "public,max-age=31536000,immutable"
                    : "public,max-age=3600",
        });
}
