using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Archives;

/// <summary>
/// A section's page, shaped like the front page: its lead story and the stories beside it, a
/// block per sub-section, then every story filed under it or its sub-sections, newest first, paged.
/// </summary>
[PublicPage]
public sealed class CategoryModel(GazetteDbContext db, ArticleLists lists, FrontPages frontPages, IOptionsMonitor<GazetteOptions> options) : PageModel
{
    public ArchiveHeading Heading { get; private set; } = null!;
    public FrontPageTop Top { get; private set; } = FrontPageTop.Empty;
    public ArticlePage Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var tree = await CategoryTree.LoadAsync(db, cancellationToken);
        if (tree.BySlug(slug) is not { } category)
        {
            return NotFound();
        }
        Heading = new ArchiveHeading("Section", category.Name, category.Description);
        var archive = frontPages.SectionArchive(tree, category.Id);
        if (await lists.FiledPageAsync(CacheTags.Category(category.Id), archive, page, options.CurrentValue.Site.PostsPerPage, cancellationToken) is not { } articles)
        {
            return NotFound();
        }
        if (page == 1)
        {
            Top = await frontPages.SectionAsync(tree, category, cancellationToken);
            articles = articles with { Articles = articles.Articles.Where(a => !Top.TopIds.Contains(a.Id)).ToList() };
        }
        Articles = articles;
        PageCache.Tag(HttpContext, [.. tree.WithDescendants(category.Id).Select(CacheTags.Category), .. Top.CacheTags, .. Articles.CacheTags]);
        return Page();
    }
}
