using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Menus;

/// <summary>A link in a menu as readers see it, with the links under it (one level).</summary>
public sealed record MenuLink(string Label, string Url, IReadOnlyList<MenuLink> Children);

/// <summary>The menus every public page shows: the masthead's and the footer's.</summary>
public sealed record SiteNavigation(IReadOnlyList<MenuLink> Primary, IReadOnlyList<MenuLink> Footer)
{
    public static readonly SiteNavigation Empty = new([], []);
}

/// <summary>
/// The site's menus as links, read once per change to the site's lists and kept
/// (<see cref="ListFacts"/>): saving a menu, a section, a tag, a page or an author moves that version.
/// A place with no menu given to it shows what a new site starts with: the top-level sections
/// that hold stories in the masthead, the top-level pages in the footer.
/// </summary>
public sealed class SiteMenus(GazetteDbContext db, ListFacts facts, ILogger<SiteMenus> logger)
{
    /// <summary>At most this many sections fill the masthead of a site that has no primary menu.</summary>
    public const int AutomaticSections = 8;

    public Task<SiteNavigation> GetAsync(CancellationToken cancellationToken) =>
        facts.GetAsync("menus", LoadAsync, cancellationToken);

    /// <summary>
    /// The menus for the page layout, which error pages share: when the database cannot be read,
    /// the page still shows (without menus), and the failure is logged.
    /// </summary>
    public async Task<SiteNavigation> ForLayoutAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The menus could not be read; the page shows without them.");
            return SiteNavigation.Empty;
        }
    }

    private async Task<SiteNavigation> LoadAsync(CancellationToken cancellationToken)
    {
        var menus = await db.Menus.AsNoTracking()
            .Where(m => m.Location != null)
            .Select(m => new { m.Location, Items = m.Items.ToList() })
            .ToListAsync(cancellationToken);
        var targets = await MenuTargets.LoadAsync(db, menus.SelectMany(m => m.Items), cancellationToken);
        IReadOnlyList<MenuLink> Links(MenuLocation location) =>
            menus.FirstOrDefault(m => m.Location == location) is { } menu ? targets.Tree(menu.Items) : [];
        var primary = menus.Any(m => m.Location == MenuLocation.Primary) ? Links(MenuLocation.Primary) : await AutomaticPrimaryAsync(cancellationToken);
        var footer = menus.Any(m => m.Location == MenuLocation.Footer) ? Links(MenuLocation.Footer) : await AutomaticFooterAsync(cancellationToken);
        return new SiteNavigation(primary, footer);
    }

    /// <summary>The top-level sections that hold published stories, most filled first, with their sub-sections.</summary>
    public async Task<IReadOnlyList<MenuLink>> AutomaticPrimaryAsync(CancellationToken cancellationToken)
    {
        var sections = await db.Categories.AsNoTracking()
            .MostFilledSections()
            .Take(AutomaticSections)
            .Select(c => new { c.Name, c.Slug, Children = c.Children.OrderBy(s => s.Name).Select(s => new { s.Name, s.Slug }).ToList() })
            .ToListAsync(cancellationToken);
        return sections
            .Select(c => new MenuLink(c.Name, ArticleLinks.Category(c.Slug),
                c.Children.Select(s => new MenuLink(s.Name, ArticleLinks.Category(s.Slug), [])).ToList()))
            .ToList();
    }

    /// <summary>The published top-level pages, in their menu order.</summary>
    public async Task<IReadOnlyList<MenuLink>> AutomaticFooterAsync(CancellationToken cancellationToken)
    {
        var pages = await db.Articles.AsNoTracking().Published()
            .Where(a => a.Kind == ArticleKind.Page && a.ParentId == null)
            .OrderBy(a => a.MenuOrder).ThenBy(a => a.Title)
            .Select(a => new { a.Title, a.Slug })
            .Take(20)
            .ToListAsync(cancellationToken);
        return pages.Select(p => new MenuLink(p.Title, ArticleLinks.Page(p.Slug), [])).ToList();
    }
}
