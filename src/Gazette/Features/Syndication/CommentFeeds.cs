using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Syndication;

/// <summary>
/// The comment feeds: every approved comment on the site's published articles, and one
/// article's. A commenter appears by name and website, as on the page; their email is never
/// read here. Nothing of a password-protected article's conversation is in them.
/// </summary>
public sealed class CommentFeeds(GazetteDbContext db, IOptionsMonitor<GazetteOptions> options, SiteAddress address)
{
    private sealed record Row(
        int Id, DateTime CreatedAt, DateTime? EditedAt, string AuthorName, string? AuthorWebsite, string Text, string? TextHtml,
        string ArticleTitle);

    /// <summary>An article whose comments can be followed: published, a post, not password protected.</summary>
    public sealed record Followed(int Id, string Title, string Url);

    private SiteOptions Site => options.CurrentValue.Site;

    public Task<FeedDocument> SiteAsync(FeedFormat format, CancellationToken cancellationToken) =>
        LoadAsync(null, format, cancellationToken);

    /// <summary>The published post at <paramref name="slug"/>, whatever the year and month asked for.</summary>
    public async Task<Followed?> FindArticleAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Published().Posts()
            .Where(a => a.Slug == slug && a.Password == null)
            .Select(a => new { a.Id, a.Title, PublishedAt = a.PublishedAt!.Value })
            .SingleOrDefaultAsync(cancellationToken);
        return article is null ? null : new Followed(article.Id, article.Title, ArticleLinks.Article(article.PublishedAt, slug));
    }

    public Task<FeedDocument> ArticleAsync(Followed article, FeedFormat format, CancellationToken cancellationToken) =>
        LoadAsync(article ?? throw new ArgumentNullException(nameof(article)), format, cancellationToken);

    private async Task<FeedDocument> LoadAsync(Followed? article, FeedFormat format, CancellationToken cancellationToken)
    {
        var comments = db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.Approved);
        comments = article is null
            // A password-protected article's conversation is for those who gave the password, on its page.
            ? comments.Where(c => db.Articles.Published().Posts().Any(a => a.Id == c.ArticleId && a.Password == null))
            : comments.Where(c => c.ArticleId == article.Id);
        var rows = await comments
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(Math.Max(1, Site.FeedLength))
            .Select(c => new Row(
                c.Id, c.CreatedAt, c.EditedAt, c.AuthorName, c.AuthorWebsite, c.Text, c.TextHtml,
                c.Article!.Title))
            .ToListAsync(cancellationToken);

        var root = address.Uri;
        var entries = rows.Select(row =>
        {
            // The comment's lasting address: its conversation page changes as threads arrive.
            var url = new Uri(root, ArticleLinks.Comment(row.Id).TrimStart('/'));
            var updated = row.EditedAt is { } edited && edited > row.CreatedAt ? edited : row.CreatedAt;
            return new FeedEntry(
                TagUri.For(root, row.CreatedAt, "comment", row.Id),
                article is null ? $"Comment on {row.ArticleTitle} by {row.AuthorName}" : $"By {row.AuthorName}",
                url.AbsoluteUri, row.CreatedAt, updated,
                new FeedPerson(row.AuthorName, CommentText.WebsiteHref(row.AuthorWebsite)),
                CommentText.ToPlainText(row.Text), row.TextHtml ?? CommentHtml.Of(row.Text), null, []);
        }).ToList();

        var page = article?.Url ?? SyndicationLinks.CommentsPage;
        var updatedAt = entries.Count == 0 ? (DateTime?)null : entries.Max(e => e.Updated);
        return new FeedDocument(
            new Uri(root, SyndicationLinks.FeedOf(page, FeedFormat.Rss)).AbsoluteUri,
            article is null ? $"Comments – {Site.Title}" : $"Comments on {article.Title} – {Site.Title}",
            article is null ? $"The latest comments on {Site.Title}" : $"The conversation under \"{article.Title}\"",
            Site.Language,
            new Uri(root, article?.Url ?? "/").AbsoluteUri,
            new Uri(root, SyndicationLinks.FeedOf(page, format)).AbsoluteUri,
            updatedAt, entries)
        {
            LastModified = updatedAt,
        };
    }
}
