using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// The site's own absolute address, for every link that leaves a page: emails, feeds, sitemaps,
/// canonical and OpenGraph links. It never comes from the request being served, whose <c>Host</c>
/// is whatever the client chose to send: <c>Gazette:Site:Url</c> (environment, appsettings.json,
/// or the settings page, where the address the first Administrator signed in at is recorded);
/// until there is one, the address this server listens on.
/// </summary>
public sealed class SiteAddress(IOptionsMonitor<GazetteOptions> options, IServer server)
{
    /// <summary>The configuration path the address is kept under.</summary>
    public const string SettingKey = GazetteOptions.Section + ":" + nameof(GazetteOptions.Site) + ":" + nameof(SiteOptions.Url);

    private Parsed _configured = new(null, null);

    /// <summary>Scheme, host, port and any path, without a trailing slash: <c>https://news.example.com</c>.</summary>
    public string Base => Configured ?? Listening();

    /// <summary>Whether the address is set (rather than guessed from where the server listens).</summary>
    public bool IsKnown => Configured is not null;

    /// <summary>Whether the address is this machine's own, as while a site is being tried out.</summary>
    public bool IsLoopback => IsLoopbackHost(new Uri(Base).Host);

    /// <summary><see cref="Base"/> as an address that relative links resolve against.</summary>
    public Uri Uri => new(Base + "/");

    private string? Configured
    {
        get
        {
            var raw = options.CurrentValue.Site.Url;
            var cached = _configured;
            if (!string.Equals(cached.Raw, raw, StringComparison.Ordinal))
            {
                cached = new Parsed(raw, Normalise(raw));
                _configured = cached;
            }
            return cached.Normalised;
        }
    }

    /// <summary>
    /// An absolute http(s) address without query, fragment, user name or trailing slash; null for
    /// anything else (a relative path, <c>javascript:</c>, an address with a password).
    /// </summary>
    public static string? Normalise(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return null;
        }
        // Uri keeps scheme and host in lower case already; a path keeps its case.
        return $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}";
    }

    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Where Kestrel listens, wildcards read as localhost; <c>http://localhost</c> before it listens.</summary>
    private string Listening()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault();
        if (first is null)
        {
            return "http://localhost";
        }
        foreach (var wildcard in new[] { "//0.0.0.0", "//[::]", "//+", "//*" })
        {
            first = first.Replace(wildcard, "//localhost", StringComparison.Ordinal);
        }
        return Normalise(first) ?? "http://localhost";
    }

    private sealed record Parsed(string? Raw, string? Normalised);
}
