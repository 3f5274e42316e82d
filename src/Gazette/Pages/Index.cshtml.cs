using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Metadata;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages;

[PublicPage]
public sealed class IndexModel(GazetteDbContext db, ArticleLists lists, IOptionsMonitor<GazetteOptions> options, SiteAddress address, SiteTime siteTime) : PageModel
{
    public ArticlePage Articles { get; private set; } = null!;

    public string Tagline => options.CurrentValue.Site.Tagline;

    public async Task<IActionResult> OnGetAsync([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var ordered = db.Articles.Published().Posts()
            .OrderByDescending(a => a.IsSticky)
            .ThenByDescending(a => a.PublishedAt)
            .ThenByDescending(a => a.Id);
        if (await lists.PageAsync("home", ordered, page, options.CurrentValue.Site.PostsPerPage, cancellationToken) is not { } articles)
        {
            return NotFound();
        }
        Articles = articles;
        PageCache.Tag(HttpContext, [CacheTags.Home, .. Articles.CacheTags]);
        var site = options.CurrentValue.Site;
        ViewData["Meta"] = new PageMetadata
        {
            StructuredData = [StructuredData.WebSite(site.Title, site.Tagline, address.Base, siteTime.Culture.Name)],
        };
        return Page();
    }
}
