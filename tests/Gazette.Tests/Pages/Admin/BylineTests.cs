using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// Editors and Administrators put any member of staff's name on a byline; Authors write under their
/// own, whatever they post. After publishing, the editor shows where the article can be read.
/// </summary>
public abstract class BylineTests(GazetteApp app)
{
    private const string Editor = "/admin/articles/edit";

    [Fact]
    public async Task AnEditorPublishesUnderAReportersBylineAndIsShownWhereToReadIt()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var reporter = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Slug == "mara-lindqvist"));
        var form = await editor.GetDocumentAsync(Editor);
        Assert.Contains(form.QuerySelectorAll("select[name='Form.AuthorId'] option"), o => o.GetAttribute("value") == reporter.Id);
        var title = "Quay lights switched on " + app.Unique("q");

        var saved = await editor.PostFormAsync(Editor, Editor, Fields(title, "publish", reporter.Id));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(reporter.Id, article.AuthorId);
        var url = GazetteApp.UrlOf(article);
        Assert.Equal("Mara Lindqvist", (await app.CreateBrowser().GetDocumentAsync(url)).TextOf(".byline .author a"));
        var after = await editor.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal(url, after.QuerySelector(".notice .live-link a")!.GetAttribute("href"));
        Assert.Contains("Article published.", after.TextOf(".notice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorCannotPutAnotherNameOnTheByline()
    {
        var author = app.CreateBrowser();
        var userName = await app.SignInAsync(author, StaffRoles.Author);
        var reporter = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Slug == "mara-lindqvist"));
        var form = await author.GetDocumentAsync(Editor);
        Assert.Null(form.QuerySelector("select[name='Form.AuthorId']"));
        Assert.Contains("Byline: Editor " + userName, form.TextOf(".byline-note"), StringComparison.Ordinal);
        var title = "Not mine to sign " + app.Unique("n");

        var refused = await author.PostFormAsync(Editor, Editor, Fields(title, "publish", reporter.Id));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Only Editors and Administrators put another name on the byline", (await refused.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));

        // Their own article, edited, keeps their byline whatever is posted.
        var own = await author.PostFormAsync(Editor, Editor, Fields(title, "publish", authorId: null));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.Include(a => a.Author).SingleAsync(a => a.Title == title));
        Assert.Equal(userName, article.Author!.UserName);
        var url = own.Headers.Location!.OriginalString;
        var again = await author.PostFormAsync(url, url, Fields(title, "publish", reporter.Id));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(userName, await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Author!.UserName).SingleAsync()));
    }

    [Fact]
    public async Task AnArticleWrittenTogetherNamesEveryoneInTheBylineJsonLdFeedsAndArchives()
    {
        var editor = app.CreateBrowser();
        var editorName = await app.SignInAsync(editor, StaffRoles.Editor);
        var helper = app.CreateBrowser();
        var helperName = await app.SignInAsync(helper, StaffRoles.Author);
        var (reporter, editorUser, helperUser) = await app.WithDbAsync(async db => (
            await db.Users.SingleAsync(u => u.Slug == "mara-lindqvist"),
            await db.Users.SingleAsync(u => u.UserName == editorName),
            await db.Users.SingleAsync(u => u.UserName == helperName)));
        var title = "Three reporters on the storm surge " + app.Unique("surge");
        var fields = Fields(title, "publish", reporter.Id);

        var content = new List<KeyValuePair<string, string>>(fields)
        {
            new("Form.CoAuthorIds", ""), new("Form.CoAuthorIds", editorUser.Id), new("Form.CoAuthorIds", helperUser.Id),
        };
        var saved = await PostAsync(editor, Editor, content);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        var url = GazetteApp.UrlOf(article);
        var page = await app.CreateBrowser().GetDocumentAsync(url);
        Assert.Equal($"By Mara Lindqvist, {editorUser.DisplayName} and {helperUser.DisplayName}", page.TextOf(".byline .author"));
        var authors = System.Text.Json.JsonDocument.Parse(page.QuerySelectorAll("script[type='application/ld+json']")
            .First(s => s.TextContent.Contains("NewsArticle", StringComparison.Ordinal)).TextContent).RootElement.GetProperty("author");
        Assert.Equal(["Mara Lindqvist", editorUser.DisplayName, helperUser.DisplayName], authors.EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray());

        var archive = await app.CreateBrowser().GetDocumentAsync("/author/" + helperUser.Slug);
        Assert.Contains(title, archive.TextOf("main"), StringComparison.Ordinal);
        var card = archive.QuerySelectorAll(".article-card").Single(c => c.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Equal($"By Mara Lindqvist, {editorUser.DisplayName} and {helperUser.DisplayName}", card.TextOf(".meta").Split(" · ")[0].Trim());
        var rss = await app.CreateBrowser().GetStringAsync(new Uri("/feed", UriKind.Relative));
        var item = System.Xml.Linq.XDocument.Parse(rss).Descendants("item").Single(i => (string?)i.Element("title") == title);
        Assert.Equal(3, item.Elements(System.Xml.Linq.XName.Get("creator", "http://purl.org/dc/elements/1.1/")).Count());
        var json = System.Text.Json.JsonDocument.Parse(await app.CreateBrowser().GetStringAsync(new Uri("/feed/json", UriKind.Relative)));
        Assert.Equal(3, json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("authors").GetArrayLength());
        Assert.Contains(title, await app.CreateBrowser().GetStringAsync(new Uri($"/author/{helperUser.Slug}/feed", UriKind.Relative)), StringComparison.Ordinal);

        // Their name taken off: the cached archive no longer lists it.
        var edit = saved.Headers.Location!.OriginalString;
        var removed = await PostAsync(editor, edit, [.. fields, new("Form.CoAuthorIds", ""), new("Form.CoAuthorIds", editorUser.Id)]);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(title, (await app.CreateBrowser().GetDocumentAsync("/author/" + helperUser.Slug)).TextOf("main"), StringComparison.Ordinal);
        Assert.Equal($"By Mara Lindqvist and {editorUser.DisplayName}", (await app.CreateBrowser().GetDocumentAsync(url)).TextOf(".byline .author"));

        // An Author cannot add names.
        var own = "Mine alone " + app.Unique("m");
        var refused = await PostAsync(helper, Editor, [.. Fields(own, "publish", null), new("Form.CoAuthorIds", reporter.Id)]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Only Editors and Administrators add names to the byline", (await refused.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);
    }

    /// <summary>Posts repeated fields (several co-authors) with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, List<KeyValuePair<string, string>> fields)
    {
        var page = await browser.GetDocumentAsync(url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await browser.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    private static Dictionary<string, string> Fields(string title, string intent, string? authorId)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title,
            ["Form.Body"] = "The lamps along the quay were lit for the first time since the storm.",
            ["Form.CommentsOpen"] = "true",
            ["intent"] = intent,
        };
        if (authorId is not null)
        {
            fields["Form.AuthorId"] = authorId;
        }
        return fields;
    }
}

public sealed class BylineOnSqlite(SqliteApp app) : BylineTests(app), IClassFixture<SqliteApp>;

public sealed class BylineOnPostgreSql(PostgreSqlApp app) : BylineTests(app), IClassFixture<PostgreSqlApp>;
