namespace Gazette.Data;

/// <summary>Where on the public site a menu shows.</summary>
public enum MenuLocation
{
    /// <summary>In the masthead, under the site's name; a disclosure on phones.</summary>
    Primary = 1,

    /// <summary>In the footer of every page.</summary>
    Footer = 2,
}

/// <summary>
/// A list of links for readers, built by Administrators, shown where its <see cref="Location"/>
/// says (each place holds at most one menu) or nowhere until given one.
/// </summary>
public class Menu
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public MenuLocation? Location { get; set; }
    public ICollection<MenuItem> Items { get; } = [];
}

/// <summary>What a menu item links to.</summary>
public enum MenuItemKind
{
    Home = 0,
    Page = 1,
    Category = 2,
    Tag = 3,
    Author = 4,

    /// <summary>Any address: a path on the site or an http(s) URL elsewhere.</summary>
    Link = 5,

    /// <summary>A dated article (menus brought in from WordPress link to posts too).</summary>
    Post = 6,
}

/// <summary>
/// One link of a <see cref="Menu"/>: top-level, or under a top-level item (two levels at most).
/// Its target is named by id and looked up when the menu is shown, so a renamed section keeps its
/// item current and a deleted one drops out.
/// </summary>
public class MenuItem
{
    public int Id { get; set; }
    public int MenuId { get; set; }
    public Menu? Menu { get; set; }

    /// <summary>The top-level item this one sits under, or null for a top-level item.</summary>
    public int? ParentId { get; set; }

    /// <summary>The order among the items with the same parent, from 0.</summary>
    public int Position { get; set; }

    public MenuItemKind Kind { get; set; }

    /// <summary>The page's, post's, category's or tag's id.</summary>
    public int? TargetId { get; set; }

    /// <summary>The author's (staff account's) id.</summary>
    public string? AuthorId { get; set; }

    /// <summary>The address, for a <see cref="MenuItemKind.Link"/>.</summary>
    public string? Url { get; set; }

    /// <summary>The text readers see; when empty, the target's own name.</summary>
    public string? Label { get; set; }
}
