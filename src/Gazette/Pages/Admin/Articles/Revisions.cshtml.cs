using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Articles;

/// <summary>
/// An article's revisions, newest first, and a comparison of any two (a GET form, so it works
/// without script); any revision can be restored. Open to whoever may edit the article.
/// </summary>
public sealed class RevisionsModel(GazetteDbContext db, RestoreRevision restore) : PageModel
{
    public sealed record Row(int Id, DateTime SavedAt, string SavedBy, string Summary, ArticleStatus Status, bool IsCurrent);

    public sealed record FieldDiff(string Label, TextDiff.Result Diff);

    public int ArticleId { get; private set; }
    public string ArticleTitle { get; private set; } = "";
    public IReadOnlyList<Row> Revisions { get; private set; } = [];

    /// <summary>The revision compared from; defaults to the one before <see cref="To"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    /// <summary>The revision compared to; defaults to the latest.</summary>
    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public Row? FromRow { get; private set; }
    public Row? ToRow { get; private set; }
    public IReadOnlyList<FieldDiff> Changes { get; private set; } = [];
    public IReadOnlyList<string> Unchanged { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadListAsync(id, cancellationToken);
        ToRow = To is { } to ? Revisions.FirstOrDefault(r => r.Id == to) : Revisions.Count > 0 ? Revisions[0] : null;
        FromRow = From is { } from
            ? Revisions.FirstOrDefault(r => r.Id == from)
            : Revisions.SkipWhile(r => r.Id != ToRow?.Id).Skip(1).FirstOrDefault();
        if ((To is not null && ToRow is null) || (From is not null && FromRow is null))
        {
            // A revision of another article, or of none.
            return NotFound();
        }
        if (FromRow is not null && ToRow is not null)
        {
            await CompareAsync(FromRow.Id, ToRow.Id, cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int revisionId, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var result = await restore.ExecuteAsync(id, revisionId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            Error = result.Error;
            await LoadListAsync(id, cancellationToken);
            return Page();
        }
        Message = "Revision restored. The article has its words back; its status is unchanged.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> AuthorizeAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!ArticlePermissions.CanEdit(User, article))
        {
            return Forbid();
        }
        ArticleId = article.Id;
        ArticleTitle = article.Title;
        return null;
    }

    private async Task LoadListAsync(int id, CancellationToken cancellationToken)
    {
        var rows = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.SavedAt, Name = r.SavedBy == null ? null : r.SavedBy.DisplayName, r.Summary, r.Status })
            .ToListAsync(cancellationToken);
        Revisions = rows.Select((r, i) => new Row(r.Id, r.SavedAt, r.Name ?? "(a former member of staff)", r.Summary, r.Status, i == 0)).ToList();
    }

    private async Task CompareAsync(int fromId, int toId, CancellationToken cancellationToken)
    {
        var pair = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.Id == fromId || r.Id == toId)
            .ToListAsync(cancellationToken);
        var older = pair.Single(r => r.Id == fromId);
        var newer = pair.Single(r => r.Id == toId);
        var fields = new (string Label, string? Old, string? New)[]
        {
            ("Title", older.Title, newer.Title),
            ("Slug", older.Slug, newer.Slug),
            ("Excerpt", older.Excerpt, newer.Excerpt),
            ("Body", older.Body, newer.Body),
            ("Featured image", Image(older), Image(newer)),
            ("Categories", older.Categories, newer.Categories),
            ("Tags", older.Tags, newer.Tags),
            ("Status", older.Status.ToString(), newer.Status.ToString()),
        };
        var changes = new List<FieldDiff>();
        var unchanged = new List<string>();
        foreach (var (label, oldText, newText) in fields)
        {
            if ((oldText ?? "") == (newText ?? ""))
            {
                unchanged.Add(label);
            }
            else
            {
                changes.Add(new FieldDiff(label, TextDiff.Compare(oldText, newText)));
            }
        }
        Changes = changes;
        Unchanged = unchanged;
    }

    private static string Image(ArticleRevision revision) =>
        string.Join("\n\n", new[]
        {
            revision.FeaturedImageUrl,
            revision.FeaturedImageAlt is { } alt ? "Alt text: " + alt : null,
            revision.FeaturedImageCaption is { } caption ? "Caption: " + caption : null,
            revision.FeaturedImageCredit is { } credit ? "Credit: " + credit : null,
        }.Where(part => part is not null));
}
