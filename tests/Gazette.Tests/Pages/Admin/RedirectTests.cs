using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Pages.Admin.ArticleRevisionTests;

namespace Gazette.Tests.Pages.Admin;

public abstract class RedirectTests(GazetteApp app)
{
    [Fact]
    public async Task ChangingAPublishedArticlesSlugRedirectsItsOldAddress()
    {
        var (browser, article) = await EditorWithArticleAsync();
        var oldUrl = GazetteApp.UrlOf(article);
        var newSlug = app.Unique("renamed");

        await SaveAsync(browser, article, newSlug);

        var newUrl = GazetteApp.UrlOf(await ReloadAsync(article));
        Assert.EndsWith("/" + newSlug, newUrl, StringComparison.Ordinal);
        await AssertRedirectsAsync(oldUrl, newUrl);
        await AssertRedirectsAsync(oldUrl + "/", newUrl);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri(newUrl, UriKind.Relative))).StatusCode);
        var redirect = await app.WithDbAsync(db => db.Redirects.SingleAsync(r => r.FromPath == oldUrl));
        Assert.Equal(RedirectOrigin.ArticleMoved, redirect.Origin);
        Assert.Equal(article.Id, redirect.ArticleId);
        Assert.Equal(2, redirect.HitCount);
        Assert.NotNull(redirect.LastHitAt);
    }

    [Fact]
    public async Task AnArticleUnpublishedRenamedAndRepublishedStillRedirectsItsOldAddress()
    {
        var (browser, article) = await EditorWithArticleAsync();
        var oldUrl = GazetteApp.UrlOf(article);
        var newSlug = app.Unique("back-again");

        await SaveAsync(browser, article, article.Slug, "draft");
        await SaveAsync(browser, article, newSlug, "draft");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(oldUrl, UriKind.Relative))).StatusCode);
        await SaveAsync(browser, article, newSlug, "publish");

        await AssertRedirectsAsync(oldUrl, GazetteApp.UrlOf(await ReloadAsync(article)));
    }

    [Fact]
    public async Task AChainOfMovesCollapsesIntoOneHopAndMovingBackMakesNoLoop()
    {
        var (browser, article) = await EditorWithArticleAsync();
        var a = GazetteApp.UrlOf(article);
        var slugB = app.Unique("second-name");
        var slugC = app.Unique("third-name");

        await SaveAsync(browser, article, slugB);
        var b = GazetteApp.UrlOf(await ReloadAsync(article));
        await SaveAsync(browser, article, slugC);
        var c = GazetteApp.UrlOf(await ReloadAsync(article));

        await AssertRedirectsAsync(a, c);
        await AssertRedirectsAsync(b, c);

        await SaveAsync(browser, article, article.Slug);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri(a, UriKind.Relative))).StatusCode);
        await AssertRedirectsAsync(b, a);
        await AssertRedirectsAsync(c, a);
        var fromA = await app.WithDbAsync(db => db.Redirects.AnyAsync(r => r.FromPath == a));
        Assert.False(fromA, "The article lives at its first address again: no redirect may start there.");
    }

    [Fact]
    public async Task ANewArticleTakingAnOldAddressWinsOverItsRedirect()
    {
        var (browser, article) = await EditorWithArticleAsync();
        var oldUrl = GazetteApp.UrlOf(article);
        await SaveAsync(browser, article, app.Unique("moved-on"));
        var title = "A new story " + app.Unique("n");

        var created = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", Fields(title, "Fresh words.", "publish", article.Slug));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var newcomer = await app.WithDbAsync(db => db.Articles.SingleAsync(x => x.Title == title));
        Assert.Equal(oldUrl, GazetteApp.UrlOf(newcomer));
        var page = await app.CreateBrowser().GetDocumentAsync(oldUrl);
        Assert.Equal(title, page.TextOf("article h1"));
        Assert.False(await app.WithDbAsync(db => db.Redirects.AnyAsync(r => r.FromPath == oldUrl)));
    }

    [Fact]
    public async Task AnOldAddressKeptAsARedirectWinsOverAnotherArticleWithTheSameSlugInAnotherMonth()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var older = await app.CreateArticleAsync(a => a.PublishedAt = new DateTime(2024, 1, 15, 9, 0, 0, DateTimeKind.Utc));
        var oldUrl = GazetteApp.UrlOf(older);
        await SaveAsync(browser, older, app.Unique("renamed"));
        var newer = await app.CreateArticleAsync(a => a.Slug = older.Slug);

        await AssertRedirectsAsync(oldUrl, GazetteApp.UrlOf(await ReloadAsync(older)));
        // With no redirect from it, a wrong month for a known slug still finds that article.
        await AssertRedirectsAsync($"/2023/07/{older.Slug}", GazetteApp.UrlOf(newer));
    }

    [Fact]
    public async Task PagesThatAnswerPayNoLookupEvenWithAQueryString()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        await AddAsync(browser, "/?p=" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture), "/about");
        // Signed in, so that both views are rendered (readers would get the cached copy, with no query at all).
        await browser.GetStringAsync(new Uri("/?page=1", UriKind.Relative));

        var plain = await app.Queries.CountAsync(() => browser.GetStringAsync(new Uri("/", UriKind.Relative)));
        var paged = await app.Queries.CountAsync(() => browser.GetStringAsync(new Uri("/?page=1", UriKind.Relative)));
        Assert.NotEqual(0, plain);

        Assert.Equal(plain, paged);
    }

    [Fact]
    public async Task StaffAddARedirectOnThePageAndItAnswers()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var article = await app.CreateArticleAsync();
        var from = "/" + app.Unique("old-page");

        var saved = await AddAsync(browser, from + "/", GazetteApp.UrlOf(article));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await AssertRedirectsAsync(from, GazetteApp.UrlOf(article));
        await AssertRedirectsAsync(from + "?utm_source=newsletter", GazetteApp.UrlOf(article) + "?utm_source=newsletter");
        var list = await browser.GetDocumentAsync("/admin/redirects?q=" + Uri.EscapeDataString(from));
        var row = Assert.Single(list.QuerySelectorAll(".redirect-table tbody tr"));
        Assert.Contains(from, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Added by staff", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffEditAndDeleteARedirect()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Administrator);
        var from = "/" + app.Unique("gone");
        await AddAsync(browser, from, "/about");
        var id = await app.WithDbAsync(db => db.Redirects.Where(r => r.FromPath == from).Select(r => r.Id).SingleAsync());

        var edited = await browser.PostFormAsync($"/admin/redirects/edit/{id}", $"/admin/redirects/edit/{id}", new()
        {
            ["Form.From"] = from,
            ["Form.To"] = "https://archive.example.org/gone",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        await AssertRedirectsAsync(from, "https://archive.example.org/gone");

        var deleted = await browser.PostFormAsync("/admin/redirects", "/admin/redirects?handler=Delete", new()
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(from, UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("/admin/comments", "/somewhere", "Form.From", "newsroom")]
    [InlineData("https://example.org/x", "/somewhere", "Form.From", "single /")]
    [InlineData("/", "/somewhere", "Form.From", "home page")]
    [InlineData("/old", "http://example.org/new", "Form.To", "https://")]
    [InlineData("/old", "javascript:alert(1)", "Form.To", "https://")]
    [InlineData("/old", "//example.org/new", "Form.To", "https://")]
    [InlineData("/same", "/same/", "Form.To", "its own address")]
    public async Task RefusesWhatCannotBeARedirect(string from, string to, string field, string message)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);

        var response = await AddAsync(browser, from, to);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.TextOf($"[data-valmsg-for='{field}']"), StringComparison.Ordinal);
        Assert.Equal(from, page.QuerySelector("input[name='Form.From']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ReportsWhatIsWrongWithBothFieldsAtOnce()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);

        var response = await AddAsync(browser, "/admin", "http://example.org/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(2, page.QuerySelectorAll(".form-errors li").Length);
        Assert.Null(page.QuerySelector("[style]"));
    }

    [Fact]
    public async Task RefusesARedirectThatWouldMakeALoop()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var x = "/" + app.Unique("x");
        var y = "/" + app.Unique("y");
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(browser, x, y)).StatusCode);

        var response = await AddAsync(browser, y, x);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("loop", page.TextOf("[data-valmsg-for='Form.To']"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Redirects.AnyAsync(r => r.FromPath == y)));
    }

    [Fact]
    public async Task AManualRedirectToAnAddressThatRedirectsGoesStraightToTheEnd()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var first = "/" + app.Unique("first");
        var second = "/" + app.Unique("second");
        await AddAsync(browser, second, "/about-us");

        await AddAsync(browser, first, second);
        await AddAsync(browser, "/" + app.Unique("zero"), first);

        await AssertRedirectsAsync(first, "/about-us");
    }

    [Fact]
    public async Task AFromPathWithAQueryMatchesThatQueryEvenOnTheHomePage()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var article = await app.CreateArticleAsync();
        var postId = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(browser, $"/?p={postId}", GazetteApp.UrlOf(article))).StatusCode);
        await AddAsync(browser, $"/index.php?page_id=7&lang={postId}", "/about");

        await AssertRedirectsAsync($"/?p={postId}", GazetteApp.UrlOf(article));
        await AssertRedirectsAsync($"/?utm_source=feed&p={postId}", GazetteApp.UrlOf(article));
        await AssertRedirectsAsync($"/index.php?lang={postId}&page_id=7", "/about");
        var reader = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri("/?p=1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri("/?page=1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddressStaysNotFound()
    {
        var reader = app.CreateBrowser();

        var response = await reader.GetAsync(new Uri("/" + app.Unique("nothing-here") + "?p=5", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await response.ReadDocumentAsync()).TextOf("h1"));
    }

    [Fact]
    public async Task AuthorsCannotManageRedirects()
    {
        var author = app.CreateBrowser();
        await app.SignInAsync(author, StaffRoles.Author);

        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync(new Uri("/admin/redirects", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync(new Uri("/admin/redirects/edit", UriKind.Relative))).StatusCode);
        var nav = await author.GetDocumentAsync("/admin");
        Assert.Null(nav.QuerySelector(".admin-nav a[href='/admin/redirects']"));
    }

    private async Task<(HttpClient Browser, Article Article)> EditorWithArticleAsync()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        return (browser, await app.CreateArticleAsync());
    }

    private static async Task SaveAsync(HttpClient browser, Article article, string slug, string intent = "publish")
    {
        var editUrl = $"/admin/articles/edit/{article.Id}";
        var response = await browser.PostFormAsync(editUrl, editUrl, Fields(article.Title, article.Body, intent, slug));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<Article> ReloadAsync(Article article) => app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == article.Id));

    private static Task<HttpResponseMessage> AddAsync(HttpClient browser, string from, string to) =>
        browser.PostFormAsync("/admin/redirects/edit", "/admin/redirects/edit", new()
        {
            ["Form.From"] = from,
            ["Form.To"] = to,
        });

    private async Task AssertRedirectsAsync(string from, string to)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(from, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"GET {from} answered {(int)response.StatusCode}, not 301");
        Assert.Equal(to, response.Headers.Location!.OriginalString);
    }
}

public sealed class RedirectOnSqlite(SqliteApp app) : RedirectTests(app), IClassFixture<SqliteApp>;

public sealed class RedirectOnPostgreSql(PostgreSqlApp app) : RedirectTests(app), IClassFixture<PostgreSqlApp>;
