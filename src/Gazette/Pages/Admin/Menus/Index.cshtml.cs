using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Menus;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Menus;

/// <summary>
/// The menu editor: the site's menus, one open at a time, its items in order with buttons to move
/// them up, down, under the item above and back out, and forms to add a page, section, tag,
/// author, the home page or any address. Every button posts the whole menu, so labels typed
/// before a move are kept.
/// </summary>
public sealed class IndexModel(GazetteDbContext db, EditMenu edit, SiteMenus siteMenus) : PageModel
{
    public sealed record MenuChoice(int Id, string Name, MenuLocation? Location);

    /// <summary>An item as the editor lists it: what it links to, or that its target is gone.</summary>
    public sealed record Row(int Id, int? ParentId, string? Label, MenuItemKind Kind, string? TargetName, string? Url, bool IsFirst, bool IsLast, bool HasChildren);

    public sealed record Choice(string Value, string Label);

    /// <summary>The fields of the "add an item" forms, kept when one is refused.</summary>
    public sealed class NewItemForm
    {
        public MenuItemKind Kind { get; set; }
        public int? PageId { get; set; }
        public int? CategoryId { get; set; }
        public int? TagId { get; set; }
        public string? AuthorId { get; set; }
        public string? Url { get; set; }
        public string? Label { get; set; }
    }

    [FromRoute]
    public int? Id { get; set; }

    public IReadOnlyList<MenuChoice> Menus { get; private set; } = [];
    public MenuChoice? Current { get; private set; }
    public IReadOnlyList<Row> Items { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public MenuLocation? Location { get; set; }

    [BindProperty]
    public Dictionary<int, string?> Labels { get; set; } = [];

    [BindProperty]
    public NewItemForm NewItem { get; set; } = new();

    [BindProperty]
    public string? NewMenuName { get; set; }

    public IReadOnlyList<Choice> PageOptions { get; private set; } = [];
    public IReadOnlyList<Choice> CategoryOptions { get; private set; } = [];
    public IReadOnlyList<Choice> TagOptions { get; private set; } = [];
    public IReadOnlyList<Choice> AuthorOptions { get; private set; } = [];

    /// <summary>What the masthead shows while no menu is given the primary place.</summary>
    public IReadOnlyList<MenuLink> AutomaticPrimary { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Id is not null && Current is null)
        {
            return NotFound();
        }
        Name = Current?.Name;
        Location = Current?.Location;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var result = await edit.CreateAsync(NewMenuName, cancellationToken);
        if (!result.Done)
        {
            return await RefusedAsync(result.Error, cancellationToken);
        }
        Message = $"Menu \u201c{NewMenuName!.Trim()}\u201d made. Add its items below.";
        return Redirect($"/admin/menus/{result.MenuId}");
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var result = await SaveMenuAsync(cancellationToken);
        if (!result.Done)
        {
            return await RefusedAsync(result.Error, cancellationToken);
        }
        Message = "Menu saved.";
        return Back();
    }

    public async Task<IActionResult> OnPostMoveAsync(int item, MenuMove move, CancellationToken cancellationToken)
    {
        var result = await SaveMenuAsync(cancellationToken);
        if (result.Done)
        {
            result = await edit.MoveAsync(Id!.Value, item, move, cancellationToken);
        }
        return result.Done ? Back(item) : await RefusedAsync(result.Error, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int item, CancellationToken cancellationToken)
    {
        var result = await SaveMenuAsync(cancellationToken);
        if (result.Done)
        {
            result = await edit.RemoveAsync(Id!.Value, item, cancellationToken);
        }
        if (!result.Done)
        {
            return await RefusedAsync(result.Error, cancellationToken);
        }
        Message = "Item removed.";
        return Back();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } menuId)
        {
            return NotFound();
        }
        var item = new EditMenu.NewItem(NewItem.Kind, NewItem.Kind switch
        {
            MenuItemKind.Page => NewItem.PageId,
            MenuItemKind.Category => NewItem.CategoryId,
            MenuItemKind.Tag => NewItem.TagId,
            _ => null,
        }, NewItem.AuthorId, NewItem.Url, NewItem.Label);
        var result = await edit.AddAsync(menuId, item, cancellationToken);
        if (!result.Done)
        {
            return await RefusedAsync(result.Error, cancellationToken);
        }
        Message = "Item added at the end of the menu.";
        return Back();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } menuId)
        {
            return NotFound();
        }
        await edit.DeleteAsync(menuId, cancellationToken);
        Message = "Menu deleted.";
        return Redirect("/admin/menus");
    }

    /// <summary>The item's kind, as the editor names it.</summary>
    public static string KindName(MenuItemKind kind) => kind switch
    {
        MenuItemKind.Home => "Home page",
        MenuItemKind.Page => "Page",
        MenuItemKind.Post => "Article",
        MenuItemKind.Category => "Section",
        MenuItemKind.Tag => "Tag",
        MenuItemKind.Author => "Author",
        _ => "Address",
    };

    public static string PlaceName(MenuLocation? location) => location switch
    {
        MenuLocation.Primary => "Masthead (main menu)",
        MenuLocation.Footer => "Footer",
        _ => "Not shown",
    };

    private async Task<EditMenu.Result> SaveMenuAsync(CancellationToken cancellationToken) =>
        Id is { } menuId
            ? await edit.SaveAsync(menuId, Name, Location, Labels, cancellationToken)
            : EditMenu.Result.Refused("That menu no longer exists.");

    private RedirectResult Back(int? item = null) =>
        Redirect($"/admin/menus/{Id}" + (item is { } id ? $"#item-{id}" : ""));

    /// <summary>The page again, with what was typed, and why the change was refused.</summary>
    private async Task<IActionResult> RefusedAsync(string? error, CancellationToken cancellationToken)
    {
        Error = error;
        await LoadAsync(cancellationToken);
        if (Id is not null && Current is null)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Menus = await db.Menus.AsNoTracking().OrderBy(m => m.Location == null).ThenBy(m => m.Location).ThenBy(m => m.Name)
            .Select(m => new MenuChoice(m.Id, m.Name, m.Location)).ToListAsync(cancellationToken);
        Current = Menus.FirstOrDefault(m => m.Id == Id);
        if (Current is null)
        {
            if (Id is null && !Menus.Any(m => m.Location == MenuLocation.Primary))
            {
                AutomaticPrimary = await siteMenus.AutomaticPrimaryAsync(cancellationToken);
            }
            return;
        }
        var items = await db.MenuItems.AsNoTracking().Where(i => i.MenuId == Current.Id).ToListAsync(cancellationToken);
        var targets = await MenuTargets.LoadAsync(db, items, cancellationToken);
        var rows = new List<Row>();
        var top = items.Where(i => i.ParentId is null).OrderBy(i => i.Position).ThenBy(i => i.Id).ToList();
        for (var t = 0; t < top.Count; t++)
        {
            var children = items.Where(i => i.ParentId == top[t].Id).OrderBy(i => i.Position).ThenBy(i => i.Id).ToList();
            rows.Add(RowOf(top[t], targets, t == 0, t == top.Count - 1, children.Count > 0));
            for (var c = 0; c < children.Count; c++)
            {
                rows.Add(RowOf(children[c], targets, c == 0, c == children.Count - 1, false));
            }
        }
        Items = rows;

        PageOptions = (await db.Articles.AsNoTracking().Published().Where(a => a.Kind == ArticleKind.Page)
            .OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).Take(500).ToListAsync(cancellationToken))
            .Select(p => new Choice(Invariant(p.Id), p.Title)).ToList();
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name, c.ParentId }).ToListAsync(cancellationToken);
        CategoryOptions = categories.Where(c => c.ParentId is null).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .SelectMany(c => new[] { new Choice(Invariant(c.Id), c.Name) }.Concat(categories
                .Where(s => s.ParentId == c.Id).OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(s => new Choice(Invariant(s.Id), $"{c.Name} › {s.Name}"))))
            .Take(500).ToList();
        TagOptions = (await db.Tags.AsNoTracking().OrderByDescending(t => t.Articles.Count).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).Take(200).ToListAsync(cancellationToken))
            .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).Select(t => new Choice(Invariant(t.Id), t.Name)).ToList();
        AuthorOptions = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken)).Select(u => new Choice(u.Id, u.DisplayName)).ToList();
    }

    private static Row RowOf(MenuItem item, MenuTargets targets, bool isFirst, bool isLast, bool hasChildren)
    {
        var target = targets.Of(item);
        return new Row(item.Id, item.ParentId, item.Label, item.Kind, target?.Name, target?.Url, isFirst, isLast, hasChildren);
    }

    private static string Invariant(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
