using System.Globalization;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Archives;

/// <summary>
/// A year's or a month's articles, oldest month last like every other list. The period is in UTC,
/// as the year and month in article addresses are, so an article is always in the month its URL names.
/// </summary>
[PublicPage]
public sealed class DateModel(GazetteDbContext db, ArticleLists lists, IOptionsMonitor<GazetteOptions> options, SiteTime siteTime) : PageModel
{
    public ArchiveHeading Heading { get; private set; } = null!;
    public ArticlePage Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int year, int? month, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var from = new DateTime(year, month ?? 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = month is null ? from.AddYears(1) : from.AddMonths(1);
        var name = month is null
            ? year.ToString(CultureInfo.InvariantCulture)
            : from.ToString("Y", siteTime.Culture);
        Heading = new ArchiveHeading("Archive", name, null);
        var ordered = db.Articles.Published().Posts()
            .Where(a => a.PublishedAt >= from && a.PublishedAt < to)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
        if (await lists.PageAsync(string.Create(CultureInfo.InvariantCulture, $"dates:{from:yyyy-MM}:{to:yyyy-MM}"), ordered, page, options.CurrentValue.Site.PostsPerPage, cancellationToken) is not { } articles)
        {
            return NotFound();
        }
        Articles = articles;
        PageCache.Tag(HttpContext, [CacheTags.Dates, .. Articles.CacheTags]);
        // An empty period is not a page worth keeping: readers and crawlers get a 404.
        return Articles.Articles.Count == 0 ? NotFound() : Page();
    }
}
