using System.Globalization;
using Gazette.Features.Articles;

namespace Gazette.Features.Syndication;

/// <summary>The three formats every feed is offered in.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}

/// <summary>
/// Every address machines read the site by, in one place. Each feed lives under the page it
/// follows: <c>{page}/feed</c> is RSS 2.0, <c>{page}/feed/atom</c> Atom 1.0 and
/// <c>{page}/feed/json</c> JSON Feed 1.1, where the page is the home page, an archive, the
/// comments, or an article (its comments).
/// </summary>
public static class SyndicationLinks
{
    public const string Sitemap = "/sitemap.xml";

    public const string NewsSitemap = "/sitemap-news.xml";

    public const string Robots = "/robots.txt";

    /// <summary>The page whose comments <see cref="Comments"/> follows: all approved comments, newest first.</summary>
    public const string CommentsPage = "/comments";

    public static string Site(FeedFormat format) => FeedOf("", format);

    public static string Category(string slug, FeedFormat format) => FeedOf(ArticleLinks.Category(slug), format);

    public static string Tag(string slug, FeedFormat format) => FeedOf(ArticleLinks.Tag(slug), format);

    public static string Author(string slug, FeedFormat format) => FeedOf(ArticleLinks.Author(slug), format);

    public static string Comments(FeedFormat format) => FeedOf(CommentsPage, format);

    /// <summary>One article's approved comments; <paramref name="articleUrl"/> as <see cref="ArticleLinks.Article"/> makes it.</summary>
    public static string ArticleComments(string articleUrl, FeedFormat format) => FeedOf(articleUrl, format);

    /// <summary>The feed that follows <paramref name="page"/> (a path without a trailing slash; "" for the home page).</summary>
    public static string FeedOf(string page, FeedFormat format) => page.TrimEnd('/') + "/feed" + Suffix(format);

    /// <summary>The route suffix after <c>/feed</c> for a format: none for RSS, the default.</summary>
    public static string Suffix(FeedFormat format) => format switch
    {
        FeedFormat.Atom => "/atom",
        FeedFormat.Json => "/json",
        _ => "",
    };

    public static string MediaType(FeedFormat format) => format switch
    {
        FeedFormat.Atom => "application/atom+xml",
        FeedFormat.Json => "application/feed+json",
        _ => "application/rss+xml",
    };

    /// <summary>One file of the sitemap index: <c>/sitemap-posts-1.xml</c>, counting from 1.</summary>
    public static string SitemapFile(SitemapKind kind, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"/sitemap-{SitemapName(kind)}-{page}.xml");

    public static string SitemapName(SitemapKind kind) => kind.ToString().ToLowerInvariant();
}
