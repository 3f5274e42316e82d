using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// Administrators build menus in the staff area, and readers find them in the masthead and the
/// footer of every page, cached or not, with each kind of item linking where it should.
/// </summary>
public abstract class MenuEditorTests(GazetteApp app)
{
    private const string Menus = "/admin/menus";

    [Fact]
    public async Task ANewSiteStartsWithItsSectionsInTheMastheadAndItsPagesInTheFooter()
    {
        // Other tests give the places to menus of their own: the demo's menus take them back.
        await PlaceTheDemoMenusAsync(await AdministratorAsync());

        var home = await app.CreateBrowser().GetDocumentAsync("/");

        Assert.Equal(["Home /", "Local /category/local"], TopLinks(home, ".primary-nav"));
        Assert.Equal(["Harbour /category/harbour"], SubLinks(home, ".primary-nav", "Local"));
        Assert.Contains("About the Gazette /about-the-gazette", TopLinks(home, ".footer-nav"));
        var section = await app.CreateBrowser().GetDocumentAsync("/category/local");
        Assert.Equal("page", section.QuerySelector(".primary-nav a[href='/category/local']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task EveryKindOfItemLinksToItsTargetNestedAndOrderedAsBuilt()
    {
        var admin = await AdministratorAsync();
        var page = await app.CreateArticleAsync(a => { a.Kind = ArticleKind.Page; a.Title = "Contact the newsroom"; });
        var (category, tag) = await app.WithDbAsync(async db =>
        {
            var c = new Category { Name = "Weather " + app.Unique("w"), Slug = app.Unique("weather") };
            var t = new Tag { Name = "Storms " + app.Unique("s"), Slug = app.Unique("storms") };
            db.AddRange(c, t);
            await db.SaveChangesAsync();
            return (c, t);
        });
        var author = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Slug == "mara-lindqvist"));
        var menu = await CreateMenuAsync(admin, "Main " + app.Unique("m"), MenuLocation.Primary);

        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Home" });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Category", ["NewItem.CategoryId"] = $"{category.Id}" });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Tag", ["NewItem.TagId"] = $"{tag.Id}" });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Author", ["NewItem.AuthorId"] = author.Id });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Page", ["NewItem.PageId"] = $"{page.Id}" });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Link", ["NewItem.Url"] = "https://tides.example.org/kestrel", ["NewItem.Label"] = "Tide tables" });
        var items = await ItemIdsAsync(menu);
        // The tag and the author go under the section; the page moves above the section.
        await MoveAsync(admin, menu, items[2], "In");
        await MoveAsync(admin, menu, items[3], "In");
        await MoveAsync(admin, menu, items[4], "Up");
        // A label of its own, typed before a move, is kept by it.
        await MoveAsync(admin, menu, items[5], "Up", labels: new() { [items[0]] = "Front page" });

        var home = await app.CreateBrowser().GetDocumentAsync("/");
        Assert.Equal(
            ["Front page /", $"Contact the newsroom /{page.Slug}", "Tide tables https://tides.example.org/kestrel", $"{category.Name} /category/{category.Slug}"],
            TopLinks(home, ".primary-nav"));
        Assert.Equal([$"{tag.Name} /tag/{tag.Slug}", "Mara Lindqvist /author/mara-lindqvist"], SubLinks(home, ".primary-nav", category.Name));
        // Every link answers.
        foreach (var href in home.QuerySelectorAll(".primary-nav a").Select(a => a.GetAttribute("href")!).Where(h => h.StartsWith('/')))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri(href, UriKind.Relative))).StatusCode);
        }

        // Out again, and down: the order follows.
        await MoveAsync(admin, menu, items[3], "Out");
        await MoveAsync(admin, menu, items[0], "Down");
        home = await app.CreateBrowser().GetDocumentAsync("/");
        Assert.Equal(
            [$"Contact the newsroom /{page.Slug}", "Front page /", "Tide tables https://tides.example.org/kestrel", $"{category.Name} /category/{category.Slug}", "Mara Lindqvist /author/mara-lindqvist"],
            TopLinks(home, ".primary-nav"));
    }

    [Fact]
    public async Task ItemsWhoseTargetsAreGoneDropOutAndTheItemsUnderThemMoveUp()
    {
        var admin = await AdministratorAsync();
        var page = await app.CreateArticleAsync(a => { a.Kind = ArticleKind.Page; a.Title = "Letters policy"; });
        var (category, tag) = await app.WithDbAsync(async db =>
        {
            var c = new Category { Name = "Courts " + app.Unique("c"), Slug = app.Unique("courts") };
            var t = new Tag { Name = "Trials " + app.Unique("t"), Slug = app.Unique("trials") };
            db.AddRange(c, t);
            await db.SaveChangesAsync();
            return (c, t);
        });
        var menu = await CreateMenuAsync(admin, "Footer " + app.Unique("f"), MenuLocation.Footer);
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Category", ["NewItem.CategoryId"] = $"{category.Id}" });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Tag", ["NewItem.TagId"] = $"{tag.Id}" });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Page", ["NewItem.PageId"] = $"{page.Id}" });
        var items = await ItemIdsAsync(menu);
        await MoveAsync(admin, menu, items[1], "In");
        var article = GazetteApp.UrlOf(await app.CreateArticleAsync());
        await app.CreateBrowser().GetAsync(new Uri(article, UriKind.Relative));

        // Deleted and unpublished the way the app's own saves do, so the cached page is evicted.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            db.Categories.Remove(await db.Categories.SingleAsync(c => c.Id == category.Id));
            (await db.Articles.SingleAsync(a => a.Id == page.Id)).Status = ArticleStatus.Draft;
            await db.SaveChangesAsync();
        }

        var reread = await app.CreateBrowser().GetDocumentAsync(article);
        Assert.Equal([$"{tag.Name} /tag/{tag.Slug}"], TopLinks(reread, ".footer-nav"));
        var editor = await admin.GetDocumentAsync($"{Menus}/{menu}");
        Assert.Equal(2, editor.QuerySelectorAll(".menu-item.gone").Length);
        Assert.Contains("what it linked to is gone", editor.TextOf($"#item-{items[0]}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingAnItemLiftsItsSubItemsAndDeletingTheMenuBringsBackTheAutomaticOne()
    {
        var admin = await AdministratorAsync();
        var menu = await CreateMenuAsync(admin, "Short-lived " + app.Unique("s"), MenuLocation.Primary);
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Home" });
        await AddAsync(admin, menu, new() { ["NewItem.Kind"] = "Link", ["NewItem.Url"] = "/search?q=ferry", ["NewItem.Label"] = "Ferry news" });
        var items = await ItemIdsAsync(menu);
        await MoveAsync(admin, menu, items[1], "In");

        var removed = await PostMenuAsync(admin, menu, $"Remove&item={items[0]}");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["Ferry news /search?q=ferry"], TopLinks(await app.CreateBrowser().GetDocumentAsync("/"), ".primary-nav"));

        var deleted = await admin.PostFormAsync($"{Menus}/{menu}", $"{Menus}/{menu}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MenuItems.CountAsync(i => i.MenuId == menu)));
        // No menu has the masthead now: it shows the sections that hold stories.
        var home = await app.CreateBrowser().GetDocumentAsync("/");
        Assert.Contains("Local /category/local", TopLinks(home, ".primary-nav"));
        Assert.Equal(["Harbour /category/harbour"], SubLinks(home, ".primary-nav", "Local"));
        Assert.Contains("sections with the most stories: Local", (await admin.GetDocumentAsync(Menus)).TextOf("main"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("//evil.example/phish")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/\\evil.example")]
    [InlineData("ftp://files.example.org/")]
    public async Task AnAddressABrowserWouldRunOrReadAsAnotherSiteIsRefusedAndKeptInTheForm(string address)
    {
        var admin = await AdministratorAsync();
        var menu = await CreateMenuAsync(admin, "Links " + app.Unique("l"), null);

        var response = await admin.PostFormAsync($"{Menus}/{menu}", $"{Menus}/{menu}?handler=Add", new()
        {
            ["NewItem.Kind"] = "Link", ["NewItem.Url"] = address, ["NewItem.Label"] = "Click me",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("a full address starting with https://", page.TextOf(".notice.error"), StringComparison.Ordinal);
        Assert.Equal(address, ((IHtmlInputElement)page.QuerySelector("#add-url")!).Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.MenuItems.CountAsync(i => i.MenuId == menu)));
    }

    [Fact]
    public async Task AMenuChangeShowsOnCachedPagesAtOnce()
    {
        var admin = await AdministratorAsync();
        await PlaceTheDemoMenusAsync(admin);
        var article = GazetteApp.UrlOf(await app.CreateArticleAsync());
        await app.CreateBrowser().GetAsync(new Uri(article, UriKind.Relative));
        var cached = await app.CreateBrowser().GetAsync(new Uri(article, UriKind.Relative));
        Assert.True(cached.Headers.Age.HasValue, "the article is cached before the change");
        var sections = await app.WithDbAsync(db => db.Menus.SingleAsync(m => m.Name == "Sections"));
        var label = "Everything local " + app.Unique("l");
        var local = await app.WithDbAsync(db => db.MenuItems.SingleAsync(i => i.MenuId == sections.Id && i.Kind == MenuItemKind.Category && i.ParentId == null));

        await SaveAsync(admin, sections.Id, sections.Name, MenuLocation.Primary, new() { [local.Id] = label });

        Assert.Contains($"{label} /category/local", TopLinks(await app.CreateBrowser().GetDocumentAsync(article), ".primary-nav"));
        await SaveAsync(admin, sections.Id, sections.Name, MenuLocation.Primary, new() { [local.Id] = "" });
    }

    private async Task PlaceTheDemoMenusAsync(HttpClient admin)
    {
        foreach (var (name, place) in new[] { ("Sections", MenuLocation.Primary), ("Footer", MenuLocation.Footer) })
        {
            var id = await app.WithDbAsync(db => db.Menus.Where(m => m.Name == name).Select(m => m.Id).SingleAsync());
            await SaveAsync(admin, id, name, place);
        }
    }

    [Fact]
    public async Task OnlyAdministratorsEditMenus()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);

        var response = await editor.GetAsync(new Uri(Menus, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refused = await editor.PostFormAsync("/admin", $"{Menus}?handler=Create", new() { ["NewMenuName"] = "Hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Menus.AnyAsync(m => m.Name == "Hijacked")));
    }

    private async Task<HttpClient> AdministratorAsync()
    {
        var admin = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(admin);
        return admin;
    }

    private async Task<int> CreateMenuAsync(HttpClient admin, string name, MenuLocation? location)
    {
        var created = await admin.PostFormAsync(Menus, $"{Menus}?handler=Create", new() { ["NewMenuName"] = name });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.WithDbAsync(db => db.Menus.Where(m => m.Name == name).Select(m => m.Id).SingleAsync());
        if (location is not null)
        {
            await SaveAsync(admin, id, name, location);
        }
        return id;
    }

    private static async Task SaveAsync(HttpClient admin, int menu, string name, MenuLocation? location, Dictionary<int, string>? labels = null)
    {
        var fields = new Dictionary<string, string> { ["Name"] = name, ["Location"] = location?.ToString() ?? "" };
        foreach (var (id, label) in labels ?? [])
        {
            fields[$"Labels[{id}]"] = label;
        }
        var saved = await admin.PostFormAsync($"{Menus}/{menu}", $"{Menus}/{menu}?handler=Save", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static async Task AddAsync(HttpClient admin, int menu, Dictionary<string, string> fields)
    {
        var added = await admin.PostFormAsync($"{Menus}/{menu}", $"{Menus}/{menu}?handler=Add", fields);
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, $"adding {string.Join(", ", fields)} answered {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync()}");
    }

    /// <summary>Presses one of an item's buttons, which post the menu's form as the page shows it (with any labels typed).</summary>
    private static async Task MoveAsync(HttpClient admin, int menu, int item, string move, Dictionary<int, string>? labels = null)
    {
        var moved = await PostMenuAsync(admin, menu, $"Move&item={item}&move={move}", labels);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.EndsWith($"#item-{item}", moved.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostMenuAsync(HttpClient admin, int menu, string handler, Dictionary<int, string>? labels = null)
    {
        var page = await admin.GetDocumentAsync($"{Menus}/{menu}");
        var fields = FormFields.Of(page.QuerySelector("#menu-form")!);
        foreach (var (id, label) in labels ?? [])
        {
            fields[$"Labels[{id}]"] = label;
        }
        return await admin.PostFormAsync($"{Menus}/{menu}", $"{Menus}/{menu}?handler={handler}", fields);
    }

    /// <summary>The menu's items in the order shown, top level first.</summary>
    private Task<List<int>> ItemIdsAsync(int menu) =>
        app.WithDbAsync(db => db.MenuItems.Where(i => i.MenuId == menu).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());

    /// <summary>"label href" of each top-level link of the menu in <paramref name="place"/>.</summary>
    private static List<string> TopLinks(IHtmlDocument page, string place) =>
        page.QuerySelectorAll($"{place} .menu > li > a").Select(Describe).ToList();

    private static List<string> SubLinks(IHtmlDocument page, string place, string parent) =>
        page.QuerySelectorAll($"{place} .menu > li").Single(li => li.QuerySelector("a")!.TextContent.Trim() == parent)
            .QuerySelectorAll(".sub-menu a").Select(Describe).ToList();

    private static string Describe(IElement link) => $"{link.TextContent.Trim()} {link.GetAttribute("href")}";
}

public sealed class MenuEditorOnSqlite(SqliteApp app) : MenuEditorTests(app), IClassFixture<SqliteApp>;

public sealed class MenuEditorOnPostgreSql(PostgreSqlApp app) : MenuEditorTests(app), IClassFixture<PostgreSqlApp>;
