using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Archives;

/// <summary>A category's articles, including those filed under its sub-categories.</summary>
[PublicPage]
public sealed class CategoryModel(GazetteDbContext db, ArticleLists lists, IOptionsMonitor<GazetteOptions> options) : PageModel
{
    public ArchiveHeading Heading { get; private set; } = null!;
    public ArticlePage Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var tree = await CategoryTree.LoadAsync(db, cancellationToken);
        if (tree.BySlug(slug) is not { } category)
        {
            return NotFound();
        }
        var ids = tree.WithDescendants(category.Id);

        Heading = new ArchiveHeading("Category", category.Name, category.Description);
        var ordered = db.Articles.Published().Posts()
            .InCategories(db, ids)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
        if (await lists.FiledPageAsync(CacheTags.Category(category.Id), ordered, page, options.CurrentValue.Site.PostsPerPage, cancellationToken) is not { } articles)
        {
            return NotFound();
        }
        Articles = articles;
        PageCache.Tag(HttpContext, [.. ids.Select(CacheTags.Category), .. Articles.CacheTags]);
        return Page();
    }
}
