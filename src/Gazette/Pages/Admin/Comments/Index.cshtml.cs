using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Comments;

/// <summary>The moderation queue: one tab per state, with the actions that move a comment between them.</summary>
public sealed class IndexModel(GazetteDbContext db, ModerateComment moderate) : PageModel
{
    public sealed record Row(
        int Id, string AuthorName, string AuthorEmail, string? AuthorWebsite, string? AuthorIp, string Text,
        DateTime CreatedAt, CommentStatus Status, string? Reason, string ArticleTitle, string? ArticleUrl, int? ParentId);

    public CommentStatus Showing { get; private set; }
    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public IReadOnlyList<Row> Comments { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery] CommentStatus status = CommentStatus.Pending, CancellationToken cancellationToken = default)
    {
        Showing = Enum.IsDefined(status) ? status : CommentStatus.Pending;
        var counts = await db.Comments.GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = Enum.GetValues<CommentStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);

        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.Status == Showing)
            .OrderByDescending(c => c.CreatedAt)
            .Take(100)
            .Select(c => new
            {
                c.Id, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.AuthorIp, c.Text, c.CreatedAt, c.Status, c.ModerationReason, c.ParentId,
                c.Article!.Title, c.Article.Slug, c.Article.PublishedAt,
            })
            .ToListAsync(cancellationToken);
        Comments = rows.Select(c => new Row(
            c.Id, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.AuthorIp, c.Text, c.CreatedAt, c.Status, c.ModerationReason, c.Title,
            c.PublishedAt is { } published ? ArticleLinks.Article(published, c.Slug) : null, c.ParentId)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(int id, CommentStatus to, CommentStatus from, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(to))
        {
            return BadRequest();
        }
        Message = await moderate.ExecuteAsync(id, to, cancellationToken)
            ? to switch
            {
                CommentStatus.Approved => "Comment approved.",
                CommentStatus.Spam => "Comment marked as spam.",
                CommentStatus.Trash => "Comment moved to the trash.",
                _ => "Comment moved back to pending.",
            }
            : "That comment no longer exists.";
        return RedirectToPage(new { status = from });
    }
}
