using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Archives;

[PublicPage]
public sealed class TagModel(GazetteDbContext db, ArticleLists lists, IOptionsMonitor<GazetteOptions> options) : PageModel
{
    public ArchiveHeading Heading { get; private set; } = null!;
    public ArticlePage Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (tag is null)
        {
            return NotFound();
        }
        Heading = new ArchiveHeading("Tag", tag.Name, null);
        var ordered = db.Articles.Published().Posts()
            .Tagged(db, tag.Id)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
        if (await lists.FiledPageAsync(CacheTags.Tag(tag.Id), ordered, page, options.CurrentValue.Site.PostsPerPage, cancellationToken) is not { } articles)
        {
            return NotFound();
        }
        Articles = articles;
        PageCache.Tag(HttpContext, [CacheTags.Tag(tag.Id), .. Articles.CacheTags]);
        return Page();
    }
}
