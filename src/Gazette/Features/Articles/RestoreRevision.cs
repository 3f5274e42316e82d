using System.Globalization;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>
/// Puts an earlier revision's words back: title, slug, body, excerpt and featured image. The
/// article keeps its status, date, categories and tags, and the restore is a revision of its own.
/// </summary>
public sealed class RestoreRevision(GazetteDbContext db, ArticleHistory history, TimeProvider clock)
{
    public sealed record Result(Article? Article, string? Error)
    {
        public bool Succeeded => Article is not null;
    }

    /// <summary>The caller has checked the user may edit the article (<see cref="ArticlePermissions"/>).</summary>
    public async Task<Result> ExecuteAsync(int articleId, int revisionId, string staffId, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Include(a => a.Categories).Include(a => a.Tags).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        var revision = await db.ArticleRevisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == articleId, cancellationToken);
        if (article is null || revision is null)
        {
            return new Result(null, "That revision no longer exists.");
        }
        if (await db.Articles.AnyAsync(a => a.Slug == revision.Slug && a.Id != articleId, cancellationToken))
        {
            return new Result(null, $"Another article now uses the slug \"{revision.Slug}\": change one of them first.");
        }

        var before = await history.BeforeChangeAsync(article, cancellationToken);
        article.Title = revision.Title;
        article.Slug = revision.Slug;
        // Its HTML, text and summary follow on saving (ArticleContentOnSave).
        article.Body = revision.Body;
        article.Excerpt = revision.Excerpt;
        article.FeaturedImageUrl = revision.FeaturedImageUrl;
        article.FeaturedImageAlt = revision.FeaturedImageAlt;
        article.FeaturedImageCaption = revision.FeaturedImageCaption;
        article.FeaturedImageCredit = revision.FeaturedImageCredit;
        article.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var note = string.Create(CultureInfo.InvariantCulture, $"Restored from revision of {revision.SavedAt:yyyy-MM-dd HH:mm}");
        await history.RecordAsync(article, before, staffId, note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new Result(article, null);
    }
}
