using System.Globalization;

namespace Gazette.Features.Syndication;

/// <summary>
/// Entry ids as tag URIs (RFC 4151), <c>tag:news.example.com,2025-03-05:article-42</c>: made of the
/// site's host, the day the thing was created and its database id, so they never change when
/// the title, slug or publication date does, and never collide with another site's.
/// </summary>
public static class TagUri
{
    public static string For(Uri site, DateTime createdAt, string kind, int id)
    {
        ArgumentNullException.ThrowIfNull(site);
        return string.Create(CultureInfo.InvariantCulture, $"tag:{site.IdnHost.ToLowerInvariant()},{createdAt:yyyy-MM-dd}:{kind}-{id}");
    }
}
