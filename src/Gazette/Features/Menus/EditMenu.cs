using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Menus;

/// <summary>Which way an item moves in its menu.</summary>
public enum MenuMove
{
    /// <summary>Before the item above it, among the items of the same level.</summary>
    Up,

    /// <summary>After the item below it, among the items of the same level.</summary>
    Down,

    /// <summary>Under the top-level item above it, as its last sub-item.</summary>
    In,

    /// <summary>Out from under its parent, to the top level just after it.</summary>
    Out,
}

/// <summary>
/// Every change to menus: making, naming, placing and deleting them, and adding, labelling,
/// moving and removing their items. Menus have two levels: only a top-level item holds others.
/// Saving evicts every cached page, which all show the menus (<see cref="Infrastructure.PageCacheInvalidation"/>).
/// </summary>
public sealed class EditMenu(GazetteDbContext db)
{
    public const int MaxNameLength = 200;
    public const int MaxLabelLength = 200;
    public const int MaxUrlLength = 2000;

    /// <summary>What a change did, with the reason when it was refused.</summary>
    public sealed record Result(bool Done, string? Error = null, int? MenuId = null)
    {
        public static readonly Result Ok = new(true);
        public static Result Refused(string error) => new(false, error);
    }

    /// <summary>What a new item points at: a page, section or tag id, an author's account id, or an address.</summary>
    public sealed record NewItem(MenuItemKind Kind, int? TargetId = null, string? AuthorId = null, string? Url = null, string? Label = null);

    public async Task<Result> CreateAsync(string? name, CancellationToken cancellationToken)
    {
        if (CheckName(name) is { } error)
        {
            return Result.Refused(error);
        }
        var menu = new Menu { Name = name!.Trim() };
        db.Menus.Add(menu);
        await db.SaveChangesAsync(cancellationToken);
        return new Result(true, MenuId: menu.Id);
    }

    /// <summary>
    /// Names the menu, puts it in <paramref name="location"/> (taking the place from the menu that
    /// held it, as WordPress does) or nowhere, and sets its items' own labels (blank for the target's name).
    /// </summary>
    public async Task<Result> SaveAsync(
        int menuId, string? name, MenuLocation? location, IReadOnlyDictionary<int, string?> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (CheckName(name) is { } error)
        {
            return Result.Refused(error);
        }
        if (labels.Values.Any(l => l?.Trim().Length > MaxLabelLength))
        {
            return Result.Refused($"A label can be at most {MaxLabelLength} characters long.");
        }
        if (location is { } place && !Enum.IsDefined(place))
        {
            return Result.Refused("Choose where the menu shows from the list.");
        }
        var menu = await db.Menus.Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == menuId, cancellationToken);
        if (menu is null)
        {
            return Result.Refused("That menu no longer exists.");
        }
        menu.Name = name!.Trim();
        if (location is not null && menu.Location != location)
        {
            // The unique index holds one menu per place: the other gives it up first.
            var holder = await db.Menus.SingleOrDefaultAsync(m => m.Location == location && m.Id != menuId, cancellationToken);
            if (holder is not null)
            {
                holder.Location = null;
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        menu.Location = location;
        foreach (var item in menu.Items)
        {
            if (labels.TryGetValue(item.Id, out var label))
            {
                item.Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>Adds an item at the end of the menu's top level, once its target is found.</summary>
    public async Task<Result> AddAsync(int menuId, NewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var menu = await db.Menus.Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == menuId, cancellationToken);
        if (menu is null)
        {
            return Result.Refused("That menu no longer exists.");
        }
        if (item.Label?.Trim().Length > MaxLabelLength)
        {
            return Result.Refused($"A label can be at most {MaxLabelLength} characters long.");
        }
        var added = new MenuItem
        {
            Kind = item.Kind,
            Label = string.IsNullOrWhiteSpace(item.Label) ? null : item.Label.Trim(),
            Position = menu.Items.Count(i => i.ParentId is null),
        };
        string? url = null;
        var error = item.Kind switch
        {
            MenuItemKind.Home => null,
            MenuItemKind.Link => CheckUrl(item.Url, out url),
            MenuItemKind.Page => await ExistsAsync(db.Articles.Published().Where(a => a.Kind == ArticleKind.Page).Select(a => a.Id), item.TargetId, "Choose a published page.", cancellationToken),
            MenuItemKind.Category => await ExistsAsync(db.Categories.Select(c => c.Id), item.TargetId, "Choose a section.", cancellationToken),
            MenuItemKind.Tag => await ExistsAsync(db.Tags.Select(t => t.Id), item.TargetId, "Choose a tag.", cancellationToken),
            MenuItemKind.Author => item.AuthorId is { } authorId && await db.Users.AnyAsync(u => u.Id == authorId, cancellationToken) ? null : "Choose an author.",
            _ => "Choose what the item links to.",
        };
        if (error is not null)
        {
            return Result.Refused(error);
        }
        added.TargetId = item.Kind is MenuItemKind.Page or MenuItemKind.Category or MenuItemKind.Tag ? item.TargetId : null;
        added.AuthorId = item.Kind == MenuItemKind.Author ? item.AuthorId : null;
        added.Url = item.Kind == MenuItemKind.Link ? url : null;
        menu.Items.Add(added);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>Moves an item within its menu (see <see cref="MenuMove"/>); a move with nowhere to go does nothing.</summary>
    public async Task<Result> MoveAsync(int menuId, int itemId, MenuMove move, CancellationToken cancellationToken)
    {
        var items = await db.MenuItems.Where(i => i.MenuId == menuId).ToListAsync(cancellationToken);
        if (items.SingleOrDefault(i => i.Id == itemId) is not { } item)
        {
            return Result.Refused("That menu item no longer exists.");
        }
        var siblings = Ordered(items, item.ParentId);
        var index = siblings.IndexOf(item);
        switch (move)
        {
            case MenuMove.Up when index > 0:
                (siblings[index - 1], siblings[index]) = (siblings[index], siblings[index - 1]);
                break;
            case MenuMove.Down when index < siblings.Count - 1:
                (siblings[index + 1], siblings[index]) = (siblings[index], siblings[index + 1]);
                break;
            case MenuMove.In when item.ParentId is null && index > 0:
                if (items.Any(i => i.ParentId == item.Id))
                {
                    return Result.Refused("An item with items under it cannot go under another: menus have two levels.");
                }
                var parent = siblings[index - 1];
                siblings.RemoveAt(index);
                item.ParentId = parent.Id;
                item.Position = items.Count(i => i.ParentId == parent.Id && i != item);
                break;
            case MenuMove.Out when item.ParentId is { } parentId:
                siblings.RemoveAt(index);
                var top = Ordered(items, null);
                top.Insert(top.FindIndex(i => i.Id == parentId) + 1, item);
                item.ParentId = null;
                Number(top);
                break;
            default:
                return Result.Ok;
        }
        Number(siblings);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>Removes an item; the items under it move up into its place.</summary>
    public async Task<Result> RemoveAsync(int menuId, int itemId, CancellationToken cancellationToken)
    {
        var items = await db.MenuItems.Where(i => i.MenuId == menuId).ToListAsync(cancellationToken);
        if (items.SingleOrDefault(i => i.Id == itemId) is not { } item)
        {
            return Result.Ok;
        }
        var siblings = Ordered(items, item.ParentId);
        var index = siblings.IndexOf(item);
        siblings.RemoveAt(index);
        var children = Ordered(items, item.Id);
        foreach (var child in children)
        {
            child.ParentId = item.ParentId;
        }
        siblings.InsertRange(index, children);
        Number(siblings);
        db.MenuItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    public async Task<Result> DeleteAsync(int menuId, CancellationToken cancellationToken)
    {
        var menu = await db.Menus.Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == menuId, cancellationToken);
        if (menu is null)
        {
            return Result.Ok;
        }
        // Sub-items first: an item's parent may not go before it.
        db.MenuItems.RemoveRange(menu.Items.Where(i => i.ParentId is not null));
        await db.SaveChangesAsync(cancellationToken);
        db.Menus.Remove(menu);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// A menu address, tidied, or the reason it cannot be one: a path on this site (<c>/about</c>)
    /// or an http or https address elsewhere. Anything a browser would run (<c>javascript:</c>) or
    /// read as another host (<c>//evil.example</c>) is refused.
    /// </summary>
    public static string? CheckUrl(string? input, out string url)
    {
        url = input?.Trim() ?? "";
        if (url.Length == 0)
        {
            return "Give the address the item links to.";
        }
        if (url.Length > MaxUrlLength)
        {
            return $"An address can be at most {MaxUrlLength} characters long.";
        }
        const string Refused = "Give a path on this site, like /about, or a full address starting with https://.";
        // Browsers read a backslash as a slash: "/\\evil.example" would leave the site.
        if (url.Any(char.IsControl) || url.Contains('\\', StringComparison.Ordinal))
        {
            return Refused;
        }
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(absolute.Host))
        {
            url = absolute.AbsoluteUri;
            return null;
        }
        return Refused;
    }

    private static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Give the menu a name."
        : name.Trim().Length > MaxNameLength ? $"A menu's name can be at most {MaxNameLength} characters long."
        : null;

    private static async Task<string?> ExistsAsync(IQueryable<int> ids, int? id, string error, CancellationToken cancellationToken) =>
        id is { } wanted && await ids.AnyAsync(i => i == wanted, cancellationToken) ? null : error;

    private static List<MenuItem> Ordered(IEnumerable<MenuItem> items, int? parentId) =>
        items.Where(i => i.ParentId == parentId).OrderBy(i => i.Position).ThenBy(i => i.Id).ToList();

    private static void Number(List<MenuItem> siblings)
    {
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }
    }
}
