using System.Globalization;
using System.Text.Json;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Comments;

/// <summary>
/// The moderation queue: a tab per state with counts, search, one commenter's history, actions on
/// one comment or on all ticked ones, and an undo for the last action.
/// </summary>
public sealed class IndexModel(
    GazetteDbContext db, ModerateComment moderate, UserManager<StaffUser> users, ReplyNotifications replyNotifications, TimeProvider clock)
    : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(
        int Id, string AuthorName, string AuthorEmail, string? AuthorWebsite, string? AuthorIp, string Text,
        DateTime CreatedAt, CommentStatus Status, string? Reason, string ArticleTitle, string? ArticleUrl, int? ParentId,
        IReadOnlyList<string> EarlierTexts);

    [BindProperty(SupportsGet = true)]
    public CommentStatus Status { get; set; } = CommentStatus.Pending;

    /// <summary>Words to find in the name, email, website or text.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Show everything from this email, whatever its state.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    // From the query only: the route value "page" is the Razor page's own name.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Whether older comments follow this page's.</summary>
    public bool HasNextPage { get; private set; }

    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public IReadOnlyList<Row> Comments { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    /// <summary>The last action's previous states, as JSON, for the undo button.</summary>
    [TempData]
    public string? Undo { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Status))
        {
            Status = CommentStatus.Pending;
        }
        PageNumber = Math.Max(1, PageNumber);
        var counts = await db.Comments.GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = Enum.GetValues<CommentStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);

        var query = db.Comments.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Email))
        {
            var email = Email.Trim().ToLowerInvariant();
            query = query.Where(c => c.AuthorEmail == email);
        }
        else
        {
            query = query.Where(c => c.Status == Status);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF turns ToLower() into SQL LOWER(); the culture-aware overloads do not translate.
            query = query.Where(c => c.AuthorName.ToLower().Contains(q) || c.AuthorEmail.Contains(q)
                || c.Text.ToLower().Contains(q) || (c.AuthorWebsite != null && c.AuthorWebsite.ToLower().Contains(q))
                || (c.AuthorIp != null && c.AuthorIp.StartsWith(q)));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var rows = await query
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(c => new
            {
                c.Id, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.AuthorIp, c.Text, c.CreatedAt, c.Status, c.ModerationReason, c.ParentId,
                c.Article!.Title, c.Article.Kind, c.Article.Slug, c.Article.PublishedAt,
                EarlierTexts = c.Revisions.OrderBy(r => r.ReplacedAt).Select(r => r.Text).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Comments = rows.Take(PageSize).Select(c => new Row(
            c.Id, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.AuthorIp, c.Text, c.CreatedAt, c.Status, c.ModerationReason, c.Title,
            c.PublishedAt is { } published ? ArticleLinks.Of(c.Kind, published, c.Slug) : null, c.ParentId, c.EarlierTexts)).ToList();
    }

    // act is "Approved:12" from a row's own button, or just "Approved" for the ticked ids.
    public async Task<IActionResult> OnPostAsync(List<int> ids, string act, CancellationToken cancellationToken)
    {
        var parts = (act ?? "").Split(':');
        var targets = parts.Length > 1 && int.TryParse(parts[1], out var single) ? [single] : ids;
        if (targets.Count == 0)
        {
            Message = "Tick the comments to act on first.";
            return Back();
        }
        if (parts[0] == "Delete")
        {
            var deleted = await moderate.DeletePermanentlyAsync(targets, cancellationToken);
            Message = deleted == 1 ? "1 comment deleted permanently." : $"{deleted} comments deleted permanently.";
            Undo = null;
            return Back();
        }
        if (!Enum.TryParse<CommentStatus>(parts[0], out var to) || !Enum.IsDefined(to))
        {
            return BadRequest();
        }
        var moved = await moderate.ExecuteAsync(targets, to, cancellationToken);
        Message = moved.Count switch
        {
            0 => "Nothing changed.",
            1 => $"1 comment {Describe(to)}.",
            var n => $"{n} comments {Describe(to)}.",
        };
        Undo = moved.Count > 0 ? JsonSerializer.Serialize(moved) : null;
        return Back();
    }

    /// <summary>A moderator answers from the queue, as WordPress's "Approve and Reply": the comment replied to is approved too.</summary>
    public async Task<IActionResult> OnPostReplyAsync(int replyTo, string? replyText, CancellationToken cancellationToken)
    {
        var parent = await db.Comments.SingleOrDefaultAsync(c => c.Id == replyTo, cancellationToken);
        var staff = await users.GetUserAsync(User);
        if (parent is null || staff is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(replyText) || replyText.Length > CommentForm.MaxTextLength)
        {
            Message = $"Write a reply of 1 to {CommentForm.MaxTextLength} characters.";
            return Back();
        }
        if (parent.Status != CommentStatus.Approved)
        {
            await moderate.ExecuteAsync([parent.Id], CommentStatus.Approved, cancellationToken);
        }
        var reply = new Comment
        {
            ArticleId = parent.ArticleId,
            ParentId = parent.Id,
            AuthorName = staff.DisplayName,
            AuthorEmail = (staff.Email ?? "").ToLowerInvariant(),
            Text = replyText.Trim(),
            Status = CommentStatus.Approved,
            ModerationReason = "Written by staff from the moderation queue.",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Comments.Add(reply);
        await db.SaveChangesAsync(cancellationToken);
        await replyNotifications.QueueReplyNoticeAsync(reply.Id, cancellationToken);
        Message = "Reply published.";
        Undo = null;
        return Back();
    }

    public async Task<IActionResult> OnPostUndoAsync(string moves, CancellationToken cancellationToken)
    {
        var previous = JsonSerializer.Deserialize<List<ModerateComment.PreviousState>>(moves ?? "[]") ?? [];
        await moderate.UndoAsync(previous, cancellationToken);
        Message = previous.Count == 1 ? "Undone: the comment is back where it was." : $"Undone: {previous.Count} comments are back where they were.";
        return Back();
    }

    // Built by hand: "page" in route values names the Razor page, not the page of the list.
    private RedirectResult Back() => Redirect(QueryHelpers.AddQueryString("/admin/comments", new Dictionary<string, string?>
    {
        ["status"] = Status.ToString(),
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q,
        ["email"] = string.IsNullOrWhiteSpace(Email) ? null : Email,
        ["page"] = PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null,
    }));

    private static string Describe(CommentStatus to) => to switch
    {
        CommentStatus.Approved => "approved",
        CommentStatus.Spam => "marked as spam",
        CommentStatus.Trash => "moved to the trash",
        _ => "moved back to pending",
    };
}
