using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Archives;

[PublicPage]
public sealed class TagModel(GazetteDbContext db, IOptionsSnapshot<GazetteOptions> options) : PageModel
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
            .Where(a => a.Tags.Any(t => t.Id == tag.Id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
        Articles = await ArticleListing.PageAsync(ordered, page, options.Value.Site.PostsPerPage, cancellationToken);
        PageCache.Tag(HttpContext, [CacheTags.Tag(tag.Id), .. Articles.Articles.Select(a => CacheTags.Article(a.Id))]);
        return Page();
    }
}
