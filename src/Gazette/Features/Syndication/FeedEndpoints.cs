using Gazette.Features.Articles;
using Gazette.Infrastructure;

namespace Gazette.Features.Syndication;

/// <summary>The feed routes: each page's feed in each format, under the page (see <see cref="SyndicationLinks"/>).</summary>
internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            var feed = "/feed" + SyndicationLinks.Suffix(format);
            Map(app, feed, CacheTags.Feeds, async (ArticleFeeds feeds, CancellationToken cancellationToken) =>
                Respond(await feeds.SiteAsync(format, cancellationToken), format));
            Map(app, ArticleLinks.Category("{slug}") + feed, CacheTags.Feeds, async (string slug, ArticleFeeds feeds, CancellationToken cancellationToken) =>
                Respond(await feeds.CategoryAsync(slug, format, cancellationToken), format));
            Map(app, ArticleLinks.Tag("{slug}") + feed, CacheTags.Feeds, async (string slug, ArticleFeeds feeds, CancellationToken cancellationToken) =>
                Respond(await feeds.TagAsync(slug, format, cancellationToken), format));
            Map(app, ArticleLinks.Author("{slug}") + feed, CacheTags.Feeds, async (string slug, ArticleFeeds feeds, CancellationToken cancellationToken) =>
                Respond(await feeds.AuthorAsync(slug, format, cancellationToken), format));
            Map(app, SyndicationLinks.CommentsPage + feed, CacheTags.Comments, async (CommentFeeds feeds, CancellationToken cancellationToken) =>
                Respond(await feeds.SiteAsync(format, cancellationToken), format));
            Map(app, "/{year:int}/{month:int}/{slug}" + feed, CacheTags.Comments, async (int year, int month, string slug, CommentFeeds feeds, HttpContext context, CancellationToken cancellationToken) =>
            {
                if (await feeds.FindArticleAsync(slug, cancellationToken) is not { } article)
                {
                    return Results.NotFound();
                }
                var canonical = SyndicationLinks.ArticleComments(article.Url, format);
                if (!string.Equals(context.Request.Path.Value?.TrimEnd('/'), canonical, StringComparison.Ordinal))
                {
                    // The article's date moved: follow it, as its page does.
                    return Results.Redirect(canonical, permanent: true);
                }
                return Respond(await feeds.ArticleAsync(article, format, cancellationToken), format);
            });
        }
        return app;
    }

    // Comment feeds change with every comment, article feeds with every article.
    private static void Map(IEndpointRouteBuilder app, string pattern, string tag, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler).AsPublicPage(tag);

    private static IResult Respond(FeedDocument? document, FeedFormat format)
    {
        if (document is null)
        {
            return Results.NotFound();
        }
        var body = format == FeedFormat.Json ? JsonFeedWriter.Write(document) : XmlFeedWriter.Write(document, format);
        return ConditionalGet.Respond(body, SyndicationLinks.MediaType(format) + "; charset=utf-8", document.LastModified);
    }
}
