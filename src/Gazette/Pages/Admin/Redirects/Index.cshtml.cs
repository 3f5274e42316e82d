using Gazette.Data;
using Gazette.Features.Redirects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Redirects;

/// <summary>Every redirect, newest first, a page at a time, with search and delete.</summary>
public sealed class IndexModel(GazetteDbContext db, SaveRedirect saveRedirect) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(
        int Id, string FromPath, string ToUrl, RedirectOrigin Origin, string? ArticleTitle, int? ArticleId,
        int HitCount, DateTime? LastHitAt, DateTime UpdatedAt);

    /// <summary>Part of a from-path or target.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    // From the query only: the route value "page" is the Razor page's own name.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Redirects { get; private set; } = [];
    public int Total { get; private set; }
    public bool HasNextPage { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var query = db.Redirects.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF turns ToLower() into SQL LOWER(); the culture-aware overloads do not translate.
            query = query.Where(r => r.FromPath.ToLower().Contains(q) || r.ToUrl.ToLower().Contains(q));
#pragma warning restore CA1304, CA1311, CA1862
        }
        Total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(r => new Row(
                r.Id, r.FromPath, r.ToUrl, r.Origin, r.Article == null ? null : r.Article.Title, r.ArticleId,
                r.HitCount, r.LastHitAt, r.UpdatedAt))
            .ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Redirects = rows.Take(PageSize).ToList();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        Message = await saveRedirect.DeleteAsync(id, cancellationToken) ? "Redirect deleted." : "That redirect was already gone.";
        // Not RedirectToPage: "page" is a route value of its own there.
        var back = new Dictionary<string, string?> { ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q, ["page"] = PageNumber > 1 ? $"{PageNumber}" : null };
        return LocalRedirect(QueryHelpers.AddQueryString("/admin/redirects", back.Where(p => p.Value is not null)));
    }

    public static string Describe(Row row) => row switch
    {
        { Origin: RedirectOrigin.ArticleMoved } => "Automatic: the article moved",
        { Origin: RedirectOrigin.Imported } => "Imported",
        _ => "Added by staff",
    };

    /// <summary>A target as a link: local paths encoded as the redirect sends them.</summary>
    public static string Href(string toUrl) => RedirectPaths.ToLocation(toUrl);
}
