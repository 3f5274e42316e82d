using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Metadata;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages;

/// <summary>
/// The front page: the lead story and the stories beside it, a block per section, then the
/// "Latest" river of every story, newest first, paged (<c>?page=2</c> is the river alone).
/// </summary>
[PublicPage]
public sealed class IndexModel(
    GazetteDbContext db, ArticleLists lists, FrontPages frontPages, IOptionsMonitor<GazetteOptions> options, SiteAddress address, SiteTime siteTime) : PageModel
{
    public FrontPageTop Top { get; private set; } = FrontPageTop.Empty;
    public ArticlePage Latest { get; private set; } = null!;

    public string Tagline => options.CurrentValue.Site.Tagline;

    public async Task<IActionResult> OnGetAsync([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var newest = db.Articles.Published().Posts()
            .OrderByDescending(a => a.PublishedAt)
            .ThenByDescending(a => a.Id);
        if (await lists.PageAsync("home", newest, page, options.CurrentValue.Site.PostsPerPage, cancellationToken) is not { } latest)
        {
            return NotFound();
        }
        if (page == 1)
        {
            Top = await frontPages.HomeAsync(await CategoryTree.LoadAsync(db, cancellationToken), cancellationToken);
            // The river leaves out the stories already at the top; later pages follow on from this one's end.
            latest = latest with { Articles = latest.Articles.Where(a => !Top.TopIds.Contains(a.Id)).ToList() };
        }
        Latest = latest;
        PageCache.Tag(HttpContext, [CacheTags.Home, .. Top.CacheTags, .. Latest.CacheTags]);
        var site = options.CurrentValue.Site;
        ViewData["Meta"] = new PageMetadata
        {
            StructuredData = [StructuredData.WebSite(site.Title, site.Tagline, address.Base, siteTime.Culture.Name)],
        };
        return Page();
    }
}
