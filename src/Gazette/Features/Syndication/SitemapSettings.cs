namespace Gazette.Features.Syndication;

/// <summary>The <c>Gazette:Sitemaps</c> configuration section.</summary>
public sealed class SitemapSettings
{
    public const string Section = "Gazette:Sitemaps";

    /// <summary>
    /// Addresses in one sitemap file. The protocol allows 50,000; smaller files are cheaper to
    /// build and let crawlers fetch again only the file where something changed.
    /// </summary>
    public int UrlsPerFile { get; set; } = 1000;

    /// <summary>How far back the Google News sitemap reaches: Google reads two days.</summary>
    public int NewsHours { get; set; } = 48;
}

/// <summary>The sitemap files the index lists, each paged: <c>/sitemap-posts-1.xml</c>, <c>-2</c>, …</summary>
public enum SitemapKind
{
    /// <summary>The home page and the static pages.</summary>
    Pages,
    Posts,
    Categories,
    Tags,
    Authors,
}

/// <summary>One address in a sitemap, with the time its content last changed.</summary>
public sealed record SitemapUrl(string Path, DateTime? LastModified, string? ImageUrl = null);

/// <summary>A published post in the news sitemap.</summary>
public sealed record NewsUrl(string Path, string Title, DateTime PublishedAt);
