using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>
/// Static pages (About, Contact…) written in the newsroom and read at <c>/{slug}</c>; the year and
/// month archives; and the way on from an article: previous, next and related.
/// </summary>
public abstract class PagesAndArchivesTests(GazetteApp app)
{
    [Fact]
    public async Task AnEditorPublishesPagesInATreeThatReadersFindAtTheirSlugs()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var form = await editor.GetDocumentAsync("/admin/articles/edit?kind=page");
        Assert.Equal("New page", form.TextOf("h1"));
        Assert.Equal("Page", form.QuerySelector("input[name='Form.Kind']")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("input[name='Form.CategoryIds']"));
        Assert.Null(form.QuerySelector("input[name='Form.IsSticky']"));
        var about = "About " + app.Unique("us");
        var team = "Our newsroom " + app.Unique("team");

        var aboutId = await PublishPageAsync(editor, about, new() { ["Form.MenuOrder"] = "1" });
        var teamId = await PublishPageAsync(editor, team, new() { ["Form.ParentId"] = aboutId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var (aboutSlug, teamSlug) = await app.WithDbAsync(async db =>
            (await db.Articles.Where(a => a.Id == aboutId).Select(a => a.Slug).SingleAsync(),
             await db.Articles.Where(a => a.Id == teamId).Select(a => a.Slug).SingleAsync()));
        var reader = app.CreateBrowser();
        var aboutPage = await reader.GetDocumentAsync("/" + aboutSlug);
        Assert.Equal(about, aboutPage.TextOf("article h1"));
        Assert.Null(aboutPage.QuerySelector(".byline"));
        Assert.Equal(team, aboutPage.TextOf(".child-pages a"));
        Assert.Equal("/" + teamSlug, aboutPage.QuerySelector(".child-pages a")!.GetAttribute("href"));
        var teamPage = await reader.GetDocumentAsync("/" + teamSlug);
        Assert.Equal(["Home", about, team], teamPage.QuerySelectorAll(".breadcrumbs li").Select(li => li.TextContent.Trim()).ToArray());
        Assert.Null(teamPage.QuerySelector(".post-navigation"));

        // Pages stay out of the news: not on the home page, not at a dated address.
        Assert.DoesNotContain(about, await reader.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        var now = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri($"/{now:yyyy}/{now:MM}/{aboutSlug}", UriKind.Relative))).StatusCode);
        // And an article is not a page.
        var article = await app.CreateArticleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri("/" + article.Slug, UriKind.Relative))).StatusCode);

        // A page cannot sit under itself.
        var loop = await editor.PostFormAsync($"/admin/articles/edit/{aboutId}", $"/admin/articles/edit/{aboutId}", new()
        {
            ["Form.Title"] = about, ["Form.Body"] = "Who we are.", ["Form.ParentId"] = teamId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["intent"] = "publish",
        });
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.Contains("cannot be the parent", (await loop.ReadDocumentAsync()).TextOf("[data-valmsg-for='Form.ParentId']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageCannotTakeTheSitesOwnAddresses()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);

        var refused = await editor.PostFormAsync("/admin/articles/edit?kind=page", "/admin/articles/edit", new()
        {
            ["Form.Kind"] = "Page", ["Form.Title"] = "Search help", ["Form.Slug"] = "search", ["Form.Body"] = "How to search.", ["intent"] = "publish",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("taken by an address of the site", page.TextOf("[data-valmsg-for='Form.Slug']"), StringComparison.Ordinal);
        Assert.Equal("How to search.", page.TextOf("textarea[name='Form.Body']"));

        // Made from the title, the slug steps aside by itself.
        var id = await PublishPageAsync(editor, "Admin");
        Assert.StartsWith("admin-page", await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyEditorsAndAdministratorsWritePages()
    {
        foreach (var role in new[] { StaffRoles.Author, StaffRoles.Contributor })
        {
            var staff = app.CreateBrowser();
            await app.SignInAsync(staff, role);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(new Uri("/admin/articles/edit?kind=page", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(new Uri("/admin/articles?kind=page", UriKind.Relative))).StatusCode);
            var dashboard = await staff.GetDocumentAsync("/admin");
            Assert.Null(dashboard.QuerySelector("a[href='/admin/articles?kind=page']"));
        }
    }

    [Fact]
    public async Task RenamingAPublishedPageRedirectsItsOldAddress()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var old = app.Unique("contact");
        var id = await PublishPageAsync(editor, "Contact", new() { ["Form.Slug"] = old });
        var renamed = app.Unique("contact-us");

        var saved = await editor.PostFormAsync($"/admin/articles/edit/{id}", $"/admin/articles/edit/{id}", new()
        {
            ["Form.Title"] = "Contact us", ["Form.Slug"] = renamed, ["Form.Body"] = "Write to us.", ["intent"] = "publish",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var response = await app.CreateBrowser().GetAsync(new Uri("/" + old, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/" + renamed, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task YearAndMonthArchivesListThatPeriodsArticles()
    {
        // A year of its own, far from other tests' articles.
        var year = 2031 + (Math.Abs(app.Unique("y").GetHashCode(StringComparison.Ordinal)) % 60);
        var march = await app.CreateArticleAsync(a => a.PublishedAt = new DateTime(year, 3, 10, 12, 0, 0, DateTimeKind.Utc));
        var april = await app.CreateArticleAsync(a => a.PublishedAt = new DateTime(year, 4, 2, 12, 0, 0, DateTimeKind.Utc));
        var draft = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Draft; a.PublishedAt = new DateTime(year, 3, 11, 0, 0, 0, DateTimeKind.Utc); });
        var reader = app.CreateBrowser();

        var wholeYear = await reader.GetDocumentAsync($"/{year}");
        Assert.Equal(year.ToString(System.Globalization.CultureInfo.InvariantCulture), wholeYear.TextOf(".archive-header h1"));
        Assert.Equal([april.Title, march.Title], Titles(wholeYear));
        var inMarch = await reader.GetDocumentAsync($"/{year}/03");
        Assert.Equal($"March {year}", inMarch.TextOf(".archive-header h1"));
        Assert.Equal([march.Title], Titles(inMarch));
        Assert.DoesNotContain(draft.Title, inMarch.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri($"/{year}/05", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri($"/{year}/13", UriKind.Relative))).StatusCode);

        static string[] Titles(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll(".article-card h2").Select(h => h.TextContent.Trim()).ToArray();
    }

    [Fact]
    public async Task AnArticleLeadsToThePreviousAndNextAndToRelatedOnes()
    {
        var at = DateTime.UtcNow.AddYears(-30);
        var tag = await app.WithDbAsync(async db =>
        {
            var t = new Tag { Name = "Harbour works", Slug = app.Unique("harbour") };
            db.Tags.Add(t);
            await db.SaveChangesAsync();
            return t;
        });
        var before = await app.CreateArticleAsync(a => a.PublishedAt = at.AddMinutes(-1));
        var article = await app.CreateArticleAsync(a => { a.PublishedAt = at; a.Title = "Dredging of the harbour mouth begins " + a.Slug; });
        var after = await app.CreateArticleAsync(a => a.PublishedAt = at.AddMinutes(1));
        var scheduled = await app.CreateArticleAsync(a => { a.PublishedAt = at.AddSeconds(30); a.Status = ArticleStatus.Scheduled; });
        var sameTag = await app.CreateArticleAsync(a => { a.PublishedAt = at.AddDays(-3); a.Title = "Harbour mouth dredging contract signed " + a.Slug; });
        var sameTagOnly = await app.CreateArticleAsync(a => a.PublishedAt = at.AddDays(-2));
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Tags.SingleAsync(t => t.Id == tag.Id);
            foreach (var id in new[] { article.Id, sameTag.Id, sameTagOnly.Id })
            {
                (await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == id)).Tags.Add(stored);
            }
            await db.SaveChangesAsync();
        });

        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));

        Assert.Equal(GazetteApp.UrlOf(before), page.QuerySelector(".post-navigation a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(GazetteApp.UrlOf(after), page.QuerySelector(".post-navigation a[rel=next]")!.GetAttribute("href"));
        Assert.DoesNotContain(scheduled.Title, page.Body!.TextContent, StringComparison.Ordinal);
        // Both share the tag; the one whose headline shares words comes first.
        Assert.Equal([sameTag.Title, sameTagOnly.Title], page.QuerySelectorAll(".related li a").Select(a => a.TextContent.Trim()).ToArray());
        Assert.Equal("· 1 min read", page.TextOf(".byline .reading-time"));
    }

    [Fact]
    public async Task TheAuthorPageShowsTheBioBesideAnAvatarDrawnFromTheName()
    {
        var page = await app.CreateBrowser().GetDocumentAsync("/author/mara-lindqvist");

        var avatar = page.QuerySelector(".archive-header .avatar")!;
        Assert.Equal("ML", avatar.TextContent.Trim());
        Assert.Equal("true", avatar.GetAttribute("aria-hidden"));
        Assert.Empty(page.QuerySelectorAll("img[src^='http']"));
    }

    private static async Task<int> PublishPageAsync(HttpClient editor, string title, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Kind"] = "Page", ["Form.Title"] = title, ["Form.Body"] = "## " + title + "\n\nWho we are and how to reach us.", ["intent"] = "publish",
        };
        foreach (var (name, value) in more ?? [])
        {
            fields[name] = value;
        }
        var response = await editor.PostFormAsync("/admin/articles/edit?kind=page", "/admin/articles/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class PagesAndArchivesOnSqlite(SqliteApp app) : PagesAndArchivesTests(app), IClassFixture<SqliteApp>;

public sealed class PagesAndArchivesOnPostgreSql(PostgreSqlApp app) : PagesAndArchivesTests(app), IClassFixture<PostgreSqlApp>;
