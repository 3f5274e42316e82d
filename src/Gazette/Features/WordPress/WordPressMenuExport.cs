using System.Globalization;
using System.Xml;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Menus;
using Microsoft.EntityFrameworkCore;
using static Gazette.Features.WordPress.WxrWriter;

namespace Gazette.Features.WordPress;

/// <summary>
/// The site's menus in a WordPress export, as WordPress writes them: a <c>nav_menu</c> term per
/// menu with the channel's terms, and a <c>nav_menu_item</c> item per link after the articles, its
/// target in <c>_menu_item_*</c> meta (pages, posts, sections and tags by their ids in the same
/// export; the home page, authors and addresses as custom links). Items whose target is gone are
/// left out, as readers do not see them either.
/// </summary>
internal sealed class WordPressMenuExport(GazetteDbContext db)
{
    /// <summary>Term ids after categories (their own ids) and tags (a billion on).</summary>
    private const int TermIds = 2_000_000_000;

    /// <summary>Item ids after articles, library images and featured images, as WordPress keeps them all in one table.</summary>
    private const int ItemIds = 1_500_000_000;

    private sealed record ExportedMenu(Menu Menu, string Slug, List<MenuItem> Items);

    private List<ExportedMenu>? _menus;

    public async Task WriteTermsAsync(XmlWriter xml, CancellationToken cancellationToken)
    {
        foreach (var menu in await MenusAsync(cancellationToken))
        {
            await xml.WriteStartElementAsync("wp", "term", Wp);
            await WpAsync(xml, "term_id", (TermIds + menu.Menu.Id).ToString(CultureInfo.InvariantCulture));
            await WpCDataAsync(xml, "term_taxonomy", "nav_menu");
            await WpCDataAsync(xml, "term_slug", menu.Slug);
            await WpCDataAsync(xml, "term_name", menu.Menu.Name);
            if (menu.Menu.Location is { } place)
            {
                // Where it shows, which WordPress keeps with the theme, not in exports: Gazette's import reads it back.
                await xml.WriteStartElementAsync("wp", "termmeta", Wp);
                await WpCDataAsync(xml, "meta_key", WordPressMenus.LocationMeta);
                await WpCDataAsync(xml, "meta_value", place == MenuLocation.Primary ? "primary" : "footer");
                await xml.WriteEndElementAsync();
            }
            await xml.WriteEndElementAsync();
        }
    }

    public async Task WriteItemsAsync(XmlWriter xml, string siteUrl, string login, DateTime now, CancellationToken cancellationToken)
    {
        var menus = await MenusAsync(cancellationToken);
        var targets = await MenuTargets.LoadAsync(db, menus.SelectMany(m => m.Items), cancellationToken);
        foreach (var menu in menus)
        {
            var shown = menu.Items.Where(i => targets.Of(i) is not null).ToList();
            var top = shown.Where(i => i.ParentId is null).OrderBy(i => i.Position).ThenBy(i => i.Id).ToList();
            var order = 0;
            foreach (var item in top)
            {
                await WriteItemAsync(xml, menu, item, null, ++order, targets.Of(item)!, siteUrl, login, now);
                foreach (var child in shown.Where(i => i.ParentId == item.Id).OrderBy(i => i.Position).ThenBy(i => i.Id))
                {
                    await WriteItemAsync(xml, menu, child, item, ++order, targets.Of(child)!, siteUrl, login, now);
                }
            }
        }
    }

    private static async Task WriteItemAsync(
        XmlWriter xml, ExportedMenu menu, MenuItem item, MenuItem? parent, int order, MenuTargets.Target target, string siteUrl, string login, DateTime now)
    {
        var id = ItemId(item);
        var (type, objectType, objectId, url) = item.Kind switch
        {
            MenuItemKind.Page => ("post_type", "page", Invariant(item.TargetId!.Value), ""),
            MenuItemKind.Post => ("post_type", "post", Invariant(item.TargetId!.Value), ""),
            MenuItemKind.Category => ("taxonomy", "category", Invariant(item.TargetId!.Value), ""),
            // Tags are numbered a billion on in the export's terms.
            MenuItemKind.Tag => ("taxonomy", "post_tag", Invariant(1_000_000_000 + item.TargetId!.Value), ""),
            _ => ("custom", "custom", id, target.Url.StartsWith('/') ? siteUrl + target.Url : target.Url),
        };
        await xml.WriteStartElementAsync(null, "item", null);
        await CDataElementAsync(xml, null, "title", null, item.Label ?? (item.Kind == MenuItemKind.Home ? "Home" : ""));
        await xml.WriteElementStringAsync(null, "link", null, $"{siteUrl}/?p={id}");
        await xml.WriteElementStringAsync(null, "pubDate", null, RssDate(now));
        await CDataElementAsync(xml, "dc", "creator", Dc, login);
        await GuidAsync(xml, $"{siteUrl}/?p={id}");
        await EmptyElementAsync(xml, "description");
        await CDataElementAsync(xml, "content", "encoded", Content, "");
        await CDataElementAsync(xml, "excerpt", "encoded", Excerpt, "");
        await WpAsync(xml, "post_id", id);
        await WpCDataAsync(xml, "post_date", WordPressDate(now));
        await WpCDataAsync(xml, "post_date_gmt", WordPressDate(now));
        await WpCDataAsync(xml, "post_modified", WordPressDate(now));
        await WpCDataAsync(xml, "post_modified_gmt", WordPressDate(now));
        await WpCDataAsync(xml, "comment_status", "closed");
        await WpCDataAsync(xml, "ping_status", "closed");
        await WpCDataAsync(xml, "post_name", id);
        await WpCDataAsync(xml, "status", "publish");
        await WpAsync(xml, "post_parent", "0");
        await WpAsync(xml, "menu_order", Invariant(order));
        await WpCDataAsync(xml, "post_type", "nav_menu_item");
        await WpCDataAsync(xml, "post_password", "");
        await WpAsync(xml, "is_sticky", "0");
        await TermAsync(xml, "nav_menu", menu.Slug, menu.Menu.Name);
        await MetaAsync(xml, "_menu_item_type", type);
        await MetaAsync(xml, "_menu_item_menu_item_parent", parent is null ? "0" : ItemId(parent));
        await MetaAsync(xml, "_menu_item_object_id", objectId);
        await MetaAsync(xml, "_menu_item_object", objectType);
        await MetaAsync(xml, "_menu_item_target", "");
        await MetaAsync(xml, "_menu_item_classes", "a:1:{i:0;s:0:\"\";}");
        await MetaAsync(xml, "_menu_item_xfn", "");
        await MetaAsync(xml, "_menu_item_url", url);
        await xml.WriteEndElementAsync();
    }

    private async Task<List<ExportedMenu>> MenusAsync(CancellationToken cancellationToken)
    {
        if (_menus is not null)
        {
            return _menus;
        }
        var menus = await db.Menus.AsNoTracking().Include(m => m.Items).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        _menus = [];
        foreach (var menu in menus)
        {
            var stem = Slugs.From(menu.Name) is { Length: > 0 } made ? made : "menu";
            var slug = stem;
            for (var n = 2; !slugs.Add(slug); n++)
            {
                slug = $"{stem}-{n}";
            }
            _menus.Add(new ExportedMenu(menu, slug, [.. menu.Items]));
        }
        return _menus;
    }

    private static string ItemId(MenuItem item) => Invariant(ItemIds + item.Id);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
