using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Archives;

[PublicPage]
public sealed class AuthorModel(GazetteDbContext db, ArticleLists lists, IOptionsMonitor<GazetteOptions> options) : PageModel
{
    public ArchiveHeading Heading { get; private set; } = null!;
    public ArticlePage Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var author = await db.Users.AsNoTracking()
            .Where(u => u.Slug == slug)
            .Select(u => new { u.Id, u.DisplayName, u.Bio, u.PhotoPath, u.ProfileLinks })
            .SingleOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return NotFound();
        }
        Heading = new ArchiveHeading("Author", author.DisplayName, author.Bio, Avatar: author.DisplayName)
        {
            Photo = author.PhotoPath, Links = author.ProfileLinks,
        };
        var ordered = db.Articles.Published().Posts()
            .By(author.Id)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
        // Their own articles and those they wrote with others: no one index holds that list in order, so it is kept.
        if (await lists.FiledPageAsync(CacheTags.Author(author.Id), ordered, page, options.CurrentValue.Site.PostsPerPage, cancellationToken) is not { } articles)
        {
            return NotFound();
        }
        Articles = articles;
        PageCache.Tag(HttpContext, [CacheTags.Author(author.Id), .. Articles.CacheTags]);
        return Page();
    }
}
