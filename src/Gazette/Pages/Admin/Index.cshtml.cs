using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin;

/// <summary>
/// The newsroom's front page: what needs doing (your drafts, articles awaiting review, the
/// schedule, comments awaiting moderation) and what just happened. Each list is one small query
/// on an index; Authors and Contributors see their own articles only.
/// </summary>
public sealed class IndexModel(GazetteDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int ListLength = 5;

    public sealed record ArticleItem(int Id, string Title, string Author, DateTime When, string? PublicUrl);

    /// <summary>A comment in a list; <paramref name="Url"/> shows it (an approved one) or its article (one waiting), when published.</summary>
    public sealed record CommentItem(int Id, string AuthorName, string Excerpt, string ArticleTitle, string? Url, DateTime CreatedAt);

    /// <summary>Sees everyone's articles: Editors and Administrators.</summary>
    public bool SeesEveryone { get; private set; }

    public bool CanModerate { get; private set; }

    public IReadOnlyList<ArticleItem> Drafts { get; private set; } = [];
    public IReadOnlyList<ArticleItem> PendingReview { get; private set; } = [];
    public IReadOnlyList<ArticleItem> Scheduled { get; private set; } = [];
    public IReadOnlyList<ArticleItem> RecentlyPublished { get; private set; } = [];
    public int PendingComments { get; private set; }
    public IReadOnlyList<CommentItem> LatestPendingComments { get; private set; } = [];
    public IReadOnlyList<CommentItem> LatestComments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SeesEveryone = ArticlePermissions.CanEditEveryone(User);
        CanModerate = (await authorization.AuthorizeAsync(User, StaffPolicies.Moderate)).Succeeded;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var articles = db.Articles.AsNoTracking();
        var visible = SeesEveryone ? articles : articles.Where(a => a.AuthorId == userId);

        Drafts = await ArticlesAsync(
            articles.Where(a => a.AuthorId == userId && a.Status == ArticleStatus.Draft).OrderByDescending(a => a.UpdatedAt),
            cancellationToken);
        PendingReview = await ArticlesAsync(
            visible.Where(a => a.Status == ArticleStatus.Pending).OrderBy(a => a.UpdatedAt), cancellationToken);
        Scheduled = await ArticlesAsync(
            visible.Where(a => a.Status == ArticleStatus.Scheduled).OrderBy(a => a.PublishedAt), cancellationToken);
        RecentlyPublished = await ArticlesAsync(articles.Published().OrderByDescending(a => a.PublishedAt), cancellationToken);

        if (CanModerate)
        {
            PendingComments = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
            LatestPendingComments = PendingComments == 0 ? [] : await CommentsAsync(CommentStatus.Pending, cancellationToken);
        }
        LatestComments = await CommentsAsync(CommentStatus.Approved, cancellationToken);
    }

    /// <summary>The first few of <paramref name="ordered"/>, dated by publication when they have one, else by their last change.</summary>
    private static async Task<IReadOnlyList<ArticleItem>> ArticlesAsync(IQueryable<Article> ordered, CancellationToken cancellationToken)
    {
        var rows = await ordered
            .Take(ListLength)
            .Select(a => new { a.Id, a.Kind, a.Title, a.Slug, Author = a.Author!.DisplayName, a.Status, a.UpdatedAt, a.PublishedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(a => a.Status is ArticleStatus.Published or ArticleStatus.Scheduled && a.PublishedAt is { } at
            ? new ArticleItem(a.Id, a.Title, a.Author, at, a.Status == ArticleStatus.Published ? ArticleLinks.Of(a.Kind, at, a.Slug) : null)
            : new ArticleItem(a.Id, a.Title, a.Author, a.UpdatedAt, null)).ToList();
    }

    private async Task<IReadOnlyList<CommentItem>> CommentsAsync(CommentStatus status, CancellationToken cancellationToken)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.Status == status)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(ListLength)
            .Select(c => new { c.Id, c.AuthorName, c.Text, c.CreatedAt, c.Article!.Title, c.Article.Kind, c.Article.Slug, c.Article.Status, c.Article.PublishedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new CommentItem(
            c.Id, c.AuthorName, Excerpt(CommentText.ToPlainText(c.Text)), c.Title,
            c.Status != ArticleStatus.Published || c.PublishedAt is not { } at ? null
                : status == CommentStatus.Approved ? ArticleLinks.Comment(c.Id) : ArticleLinks.Of(c.Kind, at, c.Slug),
            c.CreatedAt)).ToList();
    }

    private static string Excerpt(string text) =>
        Summaries.Cut(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), 140);
}
