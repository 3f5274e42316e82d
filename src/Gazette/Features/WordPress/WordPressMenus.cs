using System.Globalization;
using Gazette.Data;
using Gazette.Features.Menus;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// Brings a WordPress export's menus in as Gazette menus, once the import has placed everything they
/// link to: each <c>nav_menu</c> term becomes a menu, and each <c>nav_menu_item</c> an item by its
/// <c>_menu_item_*</c> meta (type, object, object id, address, parent; its order by
/// <c>menu_order</c>), re-pointed at the imported pages, posts, sections and tags. WordPress nests
/// menus without limit, Gazette two levels: deeper items sit under their top-level ancestor. WordPress
/// exports do not say where a theme showed a menu, so the menu named like a main menu goes in the
/// masthead and one named like a footer menu in the footer, when no menu of the site's own holds
/// those places (the first run's demo menus aside).
/// </summary>
internal sealed class WordPressMenus(GazetteDbContext db)
{
    /// <summary>What the rest of the import made, by WordPress id: posts and pages, sections, tags.</summary>
    public sealed record Targets(
        IReadOnlyDictionary<string, int> Posts, IReadOnlyDictionary<string, int> Categories, IReadOnlyDictionary<string, int> Tags, string SiteLink);

    private const string Kind = "menus";

    /// <summary>The term meta in which Gazette's own export says where a menu showed: "primary" or "footer".</summary>
    public const string LocationMeta = "gazette_menu_location";

    /// <summary>The names the first run gives its menus, which an imported site's own menus replace in their places.</summary>
    private static readonly string[] DemoMenus = ["Sections", "Footer"];

    public async Task ImportAsync(
        string source, IReadOnlyList<WxrTerm> terms, IReadOnlyList<WxrItem> items, Targets targets, ImportReport report, DateTime now,
        CancellationToken cancellationToken)
    {
        var menus = terms.Where(t => t.Taxonomy == "nav_menu").ToList();
        // Items filed under a menu the channel did not list still make one, named by its slug.
        foreach (var slug in items.SelectMany(MenuSlugsOf).Distinct(StringComparer.Ordinal).Where(s => menus.All(m => m.Slug != s)))
        {
            menus.Add(new WxrTerm("nav_menu", "", slug, slug, null, null));
        }
        var known = await db.ImportedItems.AsNoTracking().Where(i => i.Source == source && i.Kind == "menu")
            .Select(i => i.ExternalId).ToListAsync(cancellationToken);
        var made = new List<(Menu Menu, WxrTerm Term)>();
        foreach (var term in menus)
        {
            var key = term.Id.Length > 0 ? term.Id : term.Slug;
            var own = items.Where(i => MenuSlugsOf(i).Contains(term.Slug)).ToList();
            if (known.Contains(key))
            {
                report.Skipped(Kind, term.Name, "already imported");
                continue;
            }
            var menu = await ImportMenuAsync(term, own, targets, report, cancellationToken);
            db.ImportedItems.Add(new ImportedItem
            {
                Source = source, Kind = "menu", ExternalId = key, LocalId = menu.Id.ToString(CultureInfo.InvariantCulture), ImportedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            made.Add((menu, term));
        }
        await PlaceAsync(made, report, cancellationToken);
    }

    private async Task<Menu> ImportMenuAsync(WxrTerm term, List<WxrItem> items, Targets targets, ImportReport report, CancellationToken cancellationToken)
    {
        var menu = new Menu { Name = Cut(term.Name.Length > 0 ? term.Name : term.Slug, EditMenu.MaxNameLength) };
        db.Menus.Add(menu);
        var byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var made = new Dictionary<string, MenuItem>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(i => i.MenuOrder))
        {
            if (ItemOf(item, targets, out var why) is { } entry)
            {
                made[item.Id] = entry;
            }
            else
            {
                report.Skipped(Kind, $"{menu.Name}: {Describe(item)}", why!);
            }
        }
        // Top-level items first: the others need their keys.
        var ordered = items.OrderBy(i => i.MenuOrder).Where(i => made.ContainsKey(i.Id)).ToList();
        var parents = ordered.ToDictionary(i => i.Id, i => TopLevelAncestor(i, byId, made), StringComparer.Ordinal);
        var top = ordered.Where(i => parents[i.Id] is null).ToList();
        for (var position = 0; position < top.Count; position++)
        {
            made[top[position].Id].Position = position;
            menu.Items.Add(made[top[position].Id]);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var group in ordered.Where(i => parents[i.Id] is not null).GroupBy(i => parents[i.Id]!))
        {
            var position = 0;
            foreach (var child in group)
            {
                var entry = made[child.Id];
                entry.ParentId = made[group.Key].Id;
                entry.Position = position++;
                menu.Items.Add(entry);
                if (Meta(child, "_menu_item_menu_item_parent") is { } direct && direct != group.Key)
                {
                    report.Warn($"{Kind}: {menu.Name}: {Describe(child)}: was three or more levels deep in WordPress; it sits under \"{Describe(byId[group.Key])}\" here, as menus have two levels");
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var _ in made)
        {
            report.Imported(Kind);
        }
        return menu;
    }

    /// <summary>
    /// The top-level item an item sits under here (null when it is top-level itself): its parent, or
    /// the parent's own top-level ancestor when WordPress nested it deeper. Parents that were not
    /// imported are passed over, so their items move up, as a deleted parent's do in WordPress.
    /// </summary>
    private static string? TopLevelAncestor(WxrItem item, Dictionary<string, WxrItem> byId, Dictionary<string, MenuItem> made)
    {
        string? top = null;
        var seen = new HashSet<string>(StringComparer.Ordinal) { item.Id };
        for (var parent = Meta(item, "_menu_item_menu_item_parent"); parent is { Length: > 0 } && parent != "0" && byId.TryGetValue(parent, out var above) && seen.Add(parent);
             parent = Meta(above, "_menu_item_menu_item_parent"))
        {
            if (made.ContainsKey(parent))
            {
                top = parent;
            }
        }
        return top;
    }

    /// <summary>The item, pointed at what the import made of its target; null (with the reason) when there is nothing to point at.</summary>
    private static MenuItem? ItemOf(WxrItem item, Targets targets, out string? why)
    {
        why = null;
        var label = string.IsNullOrWhiteSpace(item.Title) ? null : Cut(System.Net.WebUtility.HtmlDecode(item.Title).Trim(), EditMenu.MaxLabelLength);
        var objectId = Meta(item, "_menu_item_object_id") ?? "";
        var type = Meta(item, "_menu_item_type");
        var target = Meta(item, "_menu_item_object");
        switch (type)
        {
            case "post_type" when targets.Posts.TryGetValue(objectId, out var articleId):
                return new MenuItem { Kind = target == "page" ? MenuItemKind.Page : MenuItemKind.Post, TargetId = articleId, Label = label };
            case "post_type":
                why = $"the {target ?? "post"} it links to (#{objectId}) was not imported";
                return null;
            case "taxonomy" when target == "category" && targets.Categories.TryGetValue(objectId, out var categoryId):
                return new MenuItem { Kind = MenuItemKind.Category, TargetId = categoryId, Label = label };
            case "taxonomy" when target == "post_tag" && targets.Tags.TryGetValue(objectId, out var tagId):
                return new MenuItem { Kind = MenuItemKind.Tag, TargetId = tagId, Label = label };
            case "taxonomy":
                why = $"the {target ?? "term"} it links to (#{objectId}) was not imported";
                return null;
            case "custom":
                return LinkOf(Meta(item, "_menu_item_url"), label, targets.SiteLink, out why);
            default:
                why = $"a menu item of the kind \"{type}\", which has no counterpart here";
                return null;
        }
    }

    /// <summary>
    /// A custom link: the old site's own home becomes the home page, its other addresses paths here
    /// (the import's redirects answer those that moved); "#", a label WordPress themes open a
    /// sub-menu with, has nothing to link to.
    /// </summary>
    private static MenuItem? LinkOf(string? url, string? label, string siteLink, out string? why)
    {
        why = null;
        var address = url?.Trim() ?? "";
        if (address.Length == 0 || address.StartsWith('#'))
        {
            why = "a label without an address (\"#\"), which menus here do not have; the items under it move up";
            return null;
        }
        if (Uri.TryCreate(address, UriKind.Absolute, out var absolute) && Uri.TryCreate(siteLink, UriKind.Absolute, out var site)
            && string.Equals(absolute.Host, site.Host, StringComparison.OrdinalIgnoreCase))
        {
            var basePath = site.AbsolutePath.TrimEnd('/');
            var path = absolute.AbsolutePath;
            if (basePath.Length > 0 && path.StartsWith(basePath, StringComparison.OrdinalIgnoreCase))
            {
                path = path[basePath.Length..];
            }
            path = "/" + path.Trim('/');
            if (path == "/" && absolute.Query.Length == 0)
            {
                return new MenuItem { Kind = MenuItemKind.Home, Label = label };
            }
            address = path + absolute.Query;
        }
        if (EditMenu.CheckUrl(address, out var checkedUrl) is { } error)
        {
            why = $"its address \"{Cut(address, 100)}\" cannot be a menu link here: {error}";
            return null;
        }
        return new MenuItem { Kind = MenuItemKind.Link, Url = checkedUrl, Label = label ?? Cut(checkedUrl, EditMenu.MaxLabelLength) };
    }

    /// <summary>
    /// Gives the imported main and footer menus their places, unless a menu of the site's own holds
    /// them: where Gazette's own export said (<see cref="LocationMeta"/>), else by their names.
    /// </summary>
    private async Task PlaceAsync(List<(Menu Menu, WxrTerm Term)> made, ImportReport report, CancellationToken cancellationToken)
    {
        // An empty menu would leave its place bare.
        var imported = made.Where(m => m.Menu.Items.Count > 0).ToList();
        Menu? Said(string place) => imported.FirstOrDefault(m => m.Term.Meta.GetValueOrDefault(LocationMeta) == place).Menu;
        var menus = imported.Select(m => m.Menu).ToList();
        var footer = Said("footer") ?? menus.FirstOrDefault(m => Named(m, "footer", "bottom"));
        var primary = Said("primary") ?? menus.FirstOrDefault(m => m != footer && Named(m, "primary", "main", "header", "top", "navigation", "nav"))
            ?? (menus.Count(m => m != footer) == 1 ? menus.Single(m => m != footer) : null);
        foreach (var (menu, place) in new[] { (primary, MenuLocation.Primary), (footer, MenuLocation.Footer) })
        {
            if (menu is null)
            {
                continue;
            }
            var holder = await db.Menus.SingleOrDefaultAsync(m => m.Location == place, cancellationToken);
            var placeName = place == MenuLocation.Primary ? "the masthead" : "the footer";
            if (holder is not null && !DemoMenus.Contains(holder.Name))
            {
                report.Warn($"{Kind}: {menu.Name}: not shown, as the site's menu \"{holder.Name}\" holds {placeName}; choose at /admin/menus");
                continue;
            }
            if (holder is not null)
            {
                holder.Location = null;
                await db.SaveChangesAsync(cancellationToken);
            }
            menu.Location = place;
            await db.SaveChangesAsync(cancellationToken);
            report.Warn($"{Kind}: {menu.Name}: shown in {placeName}" + (holder is null ? "" : $", in place of \"{holder.Name}\" (kept at /admin/menus)"));
        }
        foreach (var menu in made.Select(m => m.Menu).Where(m => m.Location is null))
        {
            report.Warn($"{Kind}: {menu.Name}: imported but not shown (WordPress exports do not say where a theme showed it); give it a place at /admin/menus");
        }
    }

    private static bool Named(Menu menu, params string[] words) =>
        words.Any(w => menu.Name.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> MenuSlugsOf(WxrItem item) =>
        item.Terms.Where(t => t.Domain == "nav_menu").Select(t => t.Slug);

    private static string? Meta(WxrItem item, string key) => item.Meta.TryGetValue(key, out var value) ? value : null;

    private static string Describe(WxrItem item) =>
        $"#{item.Id} \"{(string.IsNullOrWhiteSpace(item.Title) ? "(no label)" : item.Title)}\"";

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
