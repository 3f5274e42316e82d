using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// How the site meets the network: which hosts it answers for, HTTPS, cookies, and what it says
/// about itself. Registered once, for every feature.
/// </summary>
internal static class WebHosting
{
    public static WebApplicationBuilder AddWebHosting(this WebApplicationBuilder builder)
    {
        // Nothing in an answer names the server software.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SiteAddress>();
        builder.Services.AddSingleton<IPostConfigureOptions<HostFilteringOptions>, SiteHostFiltering>();
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        // Only where an HTTPS port is known (an https:// address to listen on, or https_port):
        // behind a proxy that ends TLS, the proxy redirects.
        builder.Services.AddHttpsRedirection(https => https.RedirectStatusCode = StatusCodes.Status308PermanentRedirect);
        // Without an HTTPS port (plain HTTP, or TLS ended by a proxy) there is nothing to redirect to:
        // that is a set-up, not a fault, so the middleware's warning about it stays out of the log.
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware", LogLevel.Error);
        // Every cookie (sign-in, antiforgery, comment details) is Secure when the page came over HTTPS.
        builder.Services.Configure<CookiePolicyOptions>(cookies => cookies.Secure = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    public static WebApplication UseWebHosting(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseHttpsRedirection();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// With <c>AllowedHosts</c> left at <c>*</c>, a site whose address is known answers only for
    /// that host (and for this machine's own names, so an operator can always reach it locally);
    /// other <c>Host</c> headers get a 400. While the address is still a loopback one, as when
    /// a site is tried out before it has a name, any host is answered: links never come from it.
    /// </summary>
    private sealed class SiteHostFiltering(IConfiguration configuration) : IPostConfigureOptions<HostFilteringOptions>
    {
        public void PostConfigure(string? name, HostFilteringOptions options)
        {
            // Read from configuration itself, not through IOptionsMonitor<GazetteOptions>: both are
            // recomputed on the same change notice, in no set order.
            if (options.AllowedHosts is not ["*"]
                || SiteAddress.Normalise(configuration[SiteAddress.SettingKey]) is not { } url
                || new Uri(url).Host is var host && SiteAddress.IsLoopbackHost(host))
            {
                return;
            }
            options.AllowedHosts = [host, "localhost", "127.0.0.1", "[::1]"];
        }
    }
}
