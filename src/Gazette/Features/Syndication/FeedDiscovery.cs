using System.Globalization;
using Gazette.Features.Articles;

namespace Gazette.Features.Syndication;

/// <summary>A <c>&lt;link rel="alternate"&gt;</c> that tells browsers and feed readers where a page's feeds are.</summary>
public sealed record FeedLink(string Title, string Type, string Href);

/// <summary>
/// The feeds a public page announces: the site's feeds and the comments feed everywhere, and the
/// page's own feed where it has one (an archive's articles, an article's comments). Worked out
/// from the route, so no page has to remember to declare them.
/// </summary>
public static class FeedDiscovery
{
    private static readonly (FeedFormat Format, string Name)[] Formats =
        [(FeedFormat.Rss, "RSS"), (FeedFormat.Atom, "Atom"), (FeedFormat.Json, "JSON Feed")];

    /// <param name="page">The Razor page's route value, such as <c>/Archives/Tag</c>.</param>
    /// <param name="route">The route's values (<c>slug</c>, <c>year</c>, <c>month</c>).</param>
    /// <param name="siteTitle">The site's title.</param>
    /// <param name="pageTitle">The page's title (the archive's name, the article's headline), if any.</param>
    /// <param name="conversationFollowed">False for an article whose comments have no feed (a password-protected one).</param>
    public static IReadOnlyList<FeedLink> For(
        string? page, IReadOnlyDictionary<string, object?> route, string siteTitle, string? pageTitle, bool conversationFollowed = true)
    {
        ArgumentNullException.ThrowIfNull(route);
        var links = new List<FeedLink>();
        var slug = route.TryGetValue("slug", out var value) ? value as string : null;
        var name = string.IsNullOrWhiteSpace(pageTitle) ? slug : pageTitle;
        var own = (page, slug) switch
        {
            ("/Archives/Category", { } s) => ArticleLinks.Category(s),
            ("/Archives/Tag", { } s) => ArticleLinks.Tag(s),
            ("/Archives/Author", { } s) => ArticleLinks.Author(s),
            _ => null,
        };
        if (own is not null)
        {
            links.AddRange(Formats.Select(f => new FeedLink($"{name} – {siteTitle} ({f.Name})", SyndicationLinks.MediaType(f.Format), SyndicationLinks.FeedOf(own, f.Format))));
        }
        links.AddRange(Formats.Select(f => new FeedLink($"{siteTitle} ({f.Name})", SyndicationLinks.MediaType(f.Format), SyndicationLinks.Site(f.Format))));
        links.Add(new FeedLink($"Comments – {siteTitle} (RSS)", SyndicationLinks.MediaType(FeedFormat.Rss), SyndicationLinks.Comments(FeedFormat.Rss)));
        if (page == "/Articles/Show" && conversationFollowed && slug is not null && Number(route, "year") is { } year && Number(route, "month") is { } month)
        {
            var article = ArticleLinks.Article(new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc), slug);
            links.Add(new FeedLink($"Comments on {name} (RSS)", SyndicationLinks.MediaType(FeedFormat.Rss), SyndicationLinks.ArticleComments(article, FeedFormat.Rss)));
        }
        return links;
    }

    private static int? Number(IReadOnlyDictionary<string, object?> route, string key) =>
        route.TryGetValue(key, out var value) && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var number)
            && number is >= 1 and <= 9999 && (key != "month" || number <= 12) ? number : null;
}
