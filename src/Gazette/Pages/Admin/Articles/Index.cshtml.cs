using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Articles;

/// <summary>
/// Every article the user may edit (Authors and Contributors: their own), by state, with a title
/// search. Scheduled articles come soonest first; the others most recently changed first.
/// </summary>
public sealed class IndexModel(GazetteDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(
        int Id, string Title, string Author, ArticleStatus Status, bool IsSticky, DateTime UpdatedAt, DateTime? PublishedAt, string? PublicUrl)
    {
        /// <summary>Readers need a password to read it.</summary>
        public bool IsProtected { get; init; }
    }

    /// <summary>Null for every state.</summary>
    [BindProperty(SupportsGet = true)]
    public ArticleStatus? Status { get; set; }

    /// <summary>"page" lists static pages; anything else, articles.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public bool ListsPages => Kind == "page";

    /// <summary>Words to find in the title.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    // From the query only: the route value "page" is the Razor page's own name.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyDictionary<ArticleStatus, int> Counts { get; private set; } = new Dictionary<ArticleStatus, int>();
    public int Total => Counts.Values.Sum();
    public IReadOnlyList<Row> Articles { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ListsPages && !ArticlePermissions.CanManagePages(User))
        {
            return Forbid();
        }
        if (Status is { } status && !Enum.IsDefined(status))
        {
            Status = null;
        }
        PageNumber = Math.Max(1, PageNumber);
        var kind = ListsPages ? ArticleKind.Page : ArticleKind.Post;
        var articles = db.Articles.AsNoTracking().Where(a => a.Kind == kind);
        if (!ArticlePermissions.CanEditEveryone(User))
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            articles = articles.Where(a => a.AuthorId == userId);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF turns ToLower() into SQL LOWER(); the culture-aware overloads do not translate.
            articles = articles.Where(a => a.Title.ToLower().Contains(q));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var counts = await articles.GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = Enum.GetValues<ArticleStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);

        if (Status is { } only)
        {
            articles = articles.Where(a => a.Status == only);
        }
        var ordered = Status == ArticleStatus.Scheduled
            ? articles.OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            : articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id);
        var rows = await ordered
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(a => new { a.Id, a.Title, a.Slug, Author = a.Author!.DisplayName, a.Status, a.IsSticky, a.UpdatedAt, a.PublishedAt, IsProtected = a.Password != null })
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Articles = rows.Take(PageSize).Select(a => new Row(
            a.Id, a.Title, a.Author, a.Status, a.IsSticky, a.UpdatedAt, a.PublishedAt,
            a.Status is ArticleStatus.Published or ArticleStatus.Private && a.PublishedAt is { } published ? ArticleLinks.Of(kind, published, a.Slug) : null)
        {
            IsProtected = a.IsProtected,
        })
            .ToList();
        return Page();
    }

    /// <summary>This list's address with one thing changed.</summary>
    public string Link(ArticleStatus? status = null, int page = 1, bool keepStatus = false)
    {
        var query = new List<string>();
        if (ListsPages)
        {
            query.Add("kind=page");
        }
        if ((keepStatus ? Status : status) is { } s)
        {
            query.Add("status=" + s);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query.Add("q=" + Uri.EscapeDataString(Q.Trim()));
        }
        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/admin/articles" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
