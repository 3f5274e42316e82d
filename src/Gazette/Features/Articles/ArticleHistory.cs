using System.Globalization;
using Gazette.Data;
using Gazette.Features.Redirects;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>
/// What every save of an article leaves behind: a revision, and, when a published article's
/// address changed, a redirect from the old one. Changes are tracked for the save to store, so
/// the article, its revision and its redirect are written together.
/// </summary>
public sealed class ArticleHistory(GazetteDbContext db, SaveRedirect redirects, TimeProvider clock)
{
    /// <summary>A stored article as it was before a change: its latest revision and public address.</summary>
    public sealed record Before(ArticleRevision? Latest, string? PublicUrl);

    public static readonly Before NewArticle = new(null, null);

    /// <summary>
    /// Call before changing a stored <paramref name="article"/> (loaded with its categories and tags).
    /// An article saved before revisions were kept gets one of how it was, so the first change has
    /// something to compare with.
    /// </summary>
    public async Task<Before> BeforeChangeAsync(Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        var latest = await db.ArticleRevisions.Where(r => r.ArticleId == article.Id)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            latest = Snapshot(article, article.AuthorId, article.UpdatedAt, "As it was before revisions were kept");
            db.ArticleRevisions.Add(latest);
        }
        return new Before(latest, await PublicUrlAsync(article, cancellationToken));
    }

    /// <summary>
    /// Records the revision <paramref name="article"/> now is, saved by <paramref name="staffId"/>, and
    /// redirects its old address to its new one. <paramref name="note"/> replaces the summary of changes.
    /// </summary>
    public async Task RecordAsync(Article article, Before before, string staffId, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(before);
        var revision = Snapshot(article, staffId, clock.GetUtcNow().UtcDateTime, "");
        revision.Summary = Truncate(note ?? Describe(before.Latest, revision), 500);
        db.ArticleRevisions.Add(revision);
        if (article.IsPublished)
        {
            await redirects.ArticleMovedAsync(
                before.PublicUrl, ArticleLinks.Of(article.Kind, article.PublishedAt!.Value, article.Slug), article.Id, cancellationToken);
        }
    }

    /// <summary>"Changed title, body (+12 −3 words) · Published", or why nothing shows.</summary>
    public static string Describe(ArticleRevision? previous, ArticleRevision current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            return current.Status == ArticleStatus.Published ? "Created and published" : "Created";
        }
        var changed = new List<string>();
        if (previous.Title != current.Title)
        {
            changed.Add("title");
        }
        if (previous.Slug != current.Slug)
        {
            changed.Add("slug");
        }
        if (previous.Body != current.Body)
        {
            var body = TextDiff.Compare(previous.Body, current.Body, fold: false);
            changed.Add(body.WordsAdded + body.WordsRemoved == 0
                ? "body (layout)"
                : string.Create(CultureInfo.InvariantCulture, $"body (+{body.WordsAdded} −{body.WordsRemoved} words)"));
        }
        if (previous.Excerpt != current.Excerpt)
        {
            changed.Add("excerpt");
        }
        if (previous.FeaturedImageUrl != current.FeaturedImageUrl || previous.FeaturedImageAlt != current.FeaturedImageAlt
            || previous.FeaturedImageCaption != current.FeaturedImageCaption || previous.FeaturedImageCredit != current.FeaturedImageCredit)
        {
            changed.Add("featured image");
        }
        if (previous.Categories != current.Categories)
        {
            changed.Add("categories");
        }
        if (previous.Tags != current.Tags)
        {
            changed.Add("tags");
        }
        var summary = changed.Count == 0 ? "No changes to the text" : "Changed " + string.Join(", ", changed);
        if (previous.Status != current.Status)
        {
            summary += " · " + current.Status switch
            {
                ArticleStatus.Published => "Published",
                ArticleStatus.Pending => "Submitted for review",
                ArticleStatus.Scheduled => "Scheduled",
                ArticleStatus.Private => "Published for staff only",
                _ => previous.Status == ArticleStatus.Published ? "Unpublished" : "Back to draft",
            };
        }
        return summary;
    }

    public static ArticleRevision Snapshot(Article article, string? staffId, DateTime savedAt, string summary)
    {
        ArgumentNullException.ThrowIfNull(article);
        var revision = new ArticleRevision
        {
            SavedAt = savedAt,
            SavedById = staffId,
            Summary = summary,
            Title = article.Title,
            Slug = article.Slug,
            Body = article.Body,
            Excerpt = article.Excerpt,
            FeaturedImageUrl = article.FeaturedImageUrl,
            FeaturedImageAlt = article.FeaturedImageAlt,
            FeaturedImageCaption = article.FeaturedImageCaption,
            FeaturedImageCredit = article.FeaturedImageCredit,
            Status = article.Status,
            PublishedAt = article.PublishedAt,
            Categories = Truncate(string.Join(", ", article.Categories.Select(c => c.Name).Order(StringComparer.Ordinal)), 2000),
            Tags = Truncate(string.Join(", ", article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)), 2000),
        };
        // A new article has no id until it is saved: the revision follows it in the same save.
        if (article.Id == 0)
        {
            revision.Article = article;
        }
        else
        {
            revision.ArticleId = article.Id;
        }
        return revision;
    }

    /// <summary>
    /// Where readers found the article last: its address if it is published, else the one it had at
    /// its last published revision (so unpublishing, renaming and publishing again still redirects).
    /// </summary>
    private async Task<string?> PublicUrlAsync(Article article, CancellationToken cancellationToken)
    {
        if (article.IsPublished)
        {
            return ArticleLinks.Of(article.Kind, article.PublishedAt!.Value, article.Slug);
        }
        var last = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == article.Id && r.Status == ArticleStatus.Published && r.PublishedAt != null)
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Slug, r.PublishedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : ArticleLinks.Of(article.Kind, last.PublishedAt!.Value, last.Slug);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
