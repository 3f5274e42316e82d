using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// How the site meets the network: which hosts it answers for, HTTPS, cookies, and what it says
/// about itself. Registered once, for every feature.
/// </summary>
internal static class WebHosting
{
    /// <summary>
    /// A published app (<c>dotnet publish</c>) has its <c>wwwroot</c> and <c>appsettings.json</c> beside Gazette.dll,
    /// and is usually started from another folder (the systemd unit's working directory is the data's): its own
    /// folder is then the content root, or the site would have no style sheets. Anywhere else (<c>dotnet run</c>,
    /// the tests) null keeps the default, the current directory. The data folder is unaffected: it is relative
    /// to the current directory either way.
    /// </summary>
    public static string? PublishedContentRoot() =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null;

    public static WebApplicationBuilder AddWebHosting(this WebApplicationBuilder builder)
    {
        // Nothing in an answer names the server software.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SiteAddress>();
        builder.Services.AddSingleton<IPostConfigureOptions<HostFilteringOptions>, SiteHostFiltering>();
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(p => p.ForwardLimit is >= 1 and <= 10, $"{ProxyOptions.Section}:ForwardLimit must be between 1 and 10.")
            .Validate(p => p.KnownProxies.All(a => IPAddress.TryParse(a, out _)), $"{ProxyOptions.Section}:KnownProxies must be IP addresses.")
            .Validate(p => p.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), $"{ProxyOptions.Section}:KnownNetworks must be networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, TrustedProxies>();
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
        // First: what follows (HTTPS, cookies, rate limits by address, comments' addresses) sees the reader, not the proxy.
        app.UseForwardedHeaders();
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

    /// <summary>
    /// Behind a reverse proxy, the reader's address, scheme and host come in <c>X-Forwarded-For</c>,
    /// <c>-Proto</c> and <c>-Host</c>. They are believed only from the proxies configured in
    /// <see cref="ProxyOptions"/> (this machine alone, by default), a forwarded host only when host filtering
    /// would answer it; from anyone else they are ignored, as anybody can send them.
    /// </summary>
    private sealed class TrustedProxies(IOptions<ProxyOptions> proxy, IOptions<HostFilteringOptions> hosts) : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            var settings = proxy.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = settings.ForwardLimit;
            if (settings.KnownProxies.Length > 0 || settings.KnownNetworks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var address in settings.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(address));
                }
                foreach (var network in settings.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
            if (hosts.Value.AllowedHosts is { Count: > 0 } allowed && !allowed.Contains("*"))
            {
                options.AllowedHosts = [.. allowed];
            }
        }
    }
}

/// <summary>The reverse proxies whose forwarded headers are believed (<c>Gazette:Proxy</c>).</summary>
public sealed class ProxyOptions
{
    public const string Section = "Gazette:Proxy";

    /// <summary>The proxies' own addresses. With neither this nor <see cref="KnownNetworks"/>, only this machine (loopback) is a proxy.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies sit in, such as <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies stand in front of the site, one behind the other.</summary>
    public int ForwardLimit { get; set; } = 1;
}
