using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Menus;

/// <summary>
/// What menu items point at, looked up together: each page's, section's, tag's and author's
/// current name and address. An item whose target is gone (deleted, or a page no longer
/// published) has none, and drops out of the menu readers see.
/// </summary>
public sealed class MenuTargets
{
    /// <summary>A target's name (the label an item shows unless given its own) and address.</summary>
    public sealed record Target(string Name, string Url);

    private readonly Dictionary<int, Target> _articles = [];
    private readonly Dictionary<int, Target> _categories = [];
    private readonly Dictionary<int, Target> _tags = [];
    private readonly Dictionary<string, Target> _authors = new(StringComparer.Ordinal);

    private MenuTargets()
    {
    }

    public static async Task<MenuTargets> LoadAsync(GazetteDbContext db, IEnumerable<MenuItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        int[] Ids(MenuItemKind kind) => list.Where(i => i.Kind == kind && i.TargetId is not null).Select(i => i.TargetId!.Value).Distinct().ToArray();
        var targets = new MenuTargets();
        if (Ids(MenuItemKind.Page).Concat(Ids(MenuItemKind.Post)).ToArray() is { Length: > 0 } articleIds)
        {
            foreach (var article in await db.Articles.AsNoTracking().Published()
                .Where(a => articleIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Title, a.Slug, a.Kind, a.PublishedAt }).ToListAsync(cancellationToken))
            {
                targets._articles[article.Id] = new Target(article.Title, ArticleLinks.Of(article.Kind, article.PublishedAt!.Value, article.Slug));
            }
        }
        if (Ids(MenuItemKind.Category) is { Length: > 0 } categoryIds)
        {
            foreach (var category in await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Name, c.Slug }).ToListAsync(cancellationToken))
            {
                targets._categories[category.Id] = new Target(category.Name, ArticleLinks.Category(category.Slug));
            }
        }
        if (Ids(MenuItemKind.Tag) is { Length: > 0 } tagIds)
        {
            foreach (var tag in await db.Tags.AsNoTracking().Where(t => tagIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Name, t.Slug }).ToListAsync(cancellationToken))
            {
                targets._tags[tag.Id] = new Target(tag.Name, ArticleLinks.Tag(tag.Slug));
            }
        }
        var authorIds = list.Where(i => i.Kind == MenuItemKind.Author && i.AuthorId is not null).Select(i => i.AuthorId!).Distinct().ToArray();
        if (authorIds.Length > 0)
        {
            foreach (var author in await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.Slug }).ToListAsync(cancellationToken))
            {
                targets._authors[author.Id] = new Target(author.DisplayName, ArticleLinks.Author(author.Slug));
            }
        }
        return targets;
    }

    /// <summary>The item's target now, or null when it is gone.</summary>
    public Target? Of(MenuItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind switch
        {
            MenuItemKind.Home => new Target("Home", "/"),
            MenuItemKind.Link => item.Url is { Length: > 0 } url ? new Target(url, url) : null,
            MenuItemKind.Page or MenuItemKind.Post => item.TargetId is { } id ? _articles.GetValueOrDefault(id) : null,
            MenuItemKind.Category => item.TargetId is { } id ? _categories.GetValueOrDefault(id) : null,
            MenuItemKind.Tag => item.TargetId is { } id ? _tags.GetValueOrDefault(id) : null,
            MenuItemKind.Author => item.AuthorId is { } id ? _authors.GetValueOrDefault(id) : null,
            _ => null,
        };
    }

    /// <summary>The label readers see: the item's own, else its target's name.</summary>
    public static string LabelOf(MenuItem item, Target target)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(target);
        return string.IsNullOrWhiteSpace(item.Label) ? target.Name : item.Label;
    }

    /// <summary>
    /// The links of one menu's <paramref name="items"/>, in order. An item whose target is gone drops
    /// out, and the items under it move up in its place, as WordPress does.
    /// </summary>
    public IReadOnlyList<MenuLink> Tree(IEnumerable<MenuItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var all = items.ToList();
        var links = new List<MenuLink>();
        foreach (var top in all.Where(i => i.ParentId is null).OrderBy(i => i.Position).ThenBy(i => i.Id))
        {
            var children = all.Where(i => i.ParentId == top.Id).OrderBy(i => i.Position).ThenBy(i => i.Id)
                .Select(child => Of(child) is { } target ? new MenuLink(LabelOf(child, target), target.Url, []) : null)
                .OfType<MenuLink>()
                .ToList();
            if (Of(top) is { } found)
            {
                links.Add(new MenuLink(LabelOf(top, found), found.Url, children));
            }
            else
            {
                links.AddRange(children);
            }
        }
        return links;
    }
}
