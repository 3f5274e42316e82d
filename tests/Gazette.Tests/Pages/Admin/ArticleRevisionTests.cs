using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

public abstract class ArticleRevisionTests(GazetteApp app)
{
    [Fact]
    public async Task KeepsARevisionForEverySaveWithWhoSavedIt()
    {
        var browser = app.CreateBrowser();
        var editor = await app.SignInAsync(browser, StaffRoles.Editor);
        var title = "Ferry timetable " + app.Unique("t");

        var created = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", Fields(title, "The ferry leaves at nine.", "draft"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        var editUrl = $"/admin/articles/edit/{article.Id}";
        await browser.PostFormAsync(editUrl, editUrl, Fields(title, "The ferry leaves at ten.", "publish", article.Slug));
        await browser.PostFormAsync(editUrl, editUrl, Fields(title + " (updated)", "The ferry leaves at ten.", "publish", article.Slug));

        var revisions = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(3, revisions.Count);
        Assert.Equal(["The ferry leaves at nine.", "The ferry leaves at ten.", "The ferry leaves at ten."], revisions.Select(r => r.Body));
        Assert.Equal([ArticleStatus.Draft, ArticleStatus.Published, ArticleStatus.Published], revisions.Select(r => r.Status));
        Assert.Equal("Created", revisions[0].Summary);
        Assert.Equal("Changed body (+1 −1 words) · Published", revisions[1].Summary);
        Assert.Equal("Changed title", revisions[2].Summary);

        var page = await browser.GetDocumentAsync($"/admin/articles/{article.Id}/revisions");
        var rows = page.QuerySelectorAll(".revision-table tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Contains("Editor " + editor, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Changed title", rows[0].TextContent, StringComparison.Ordinal);
        var editorPage = await browser.GetDocumentAsync(editUrl);
        Assert.Equal("Revisions (3)", editorPage.QuerySelector($"a[href='/admin/articles/{article.Id}/revisions']")!.TextContent.Trim());
    }

    [Fact]
    public async Task ComparesTheLatestWithThePreviousByDefaultShowingRemovedAndAddedWordsEncoded()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var article = await app.CreateArticleAsync(a => a.Body = "The quick brown fox jumps.\n\nA second paragraph stays.");
        var editUrl = $"/admin/articles/edit/{article.Id}";

        await browser.PostFormAsync(editUrl, editUrl, Fields(article.Title, "The slow brown fox jumps. <script>alert('x')</script>\n\nA second paragraph stays.", "publish", article.Slug));

        var response = await browser.GetAsync(new Uri($"/admin/articles/{article.Id}/revisions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var body = page.QuerySelectorAll(".diff-field").Single(f => f.QuerySelector("h3")!.TextContent.Contains("Body", StringComparison.Ordinal));
        Assert.Equal(["quick"], body.QuerySelectorAll("del").Select(d => d.TextContent));
        var added = string.Concat(body.QuerySelectorAll("ins").Select(i => i.TextContent));
        Assert.Contains("slow", added, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script>", added, StringComparison.Ordinal);
        Assert.Contains("A second paragraph stays.", body.TextContent, StringComparison.Ordinal);
        // Only the body changed: the title has no diff of its own.
        Assert.DoesNotContain(page.QuerySelectorAll(".diff-field h3"), h => h.TextContent.Trim() == "Title");
    }

    [Fact]
    public async Task ComparesAnyTwoRevisionsChosenInTheGetForm()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var article = await app.CreateArticleAsync(a => a.Body = "First words.");
        var editUrl = $"/admin/articles/edit/{article.Id}";
        await browser.PostFormAsync(editUrl, editUrl, Fields(article.Title, "Second words.", "publish", article.Slug));
        await browser.PostFormAsync(editUrl, editUrl, Fields(article.Title, "Third words.", "publish", article.Slug));
        var ids = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(3, ids.Count);

        var page = await browser.GetDocumentAsync($"/admin/articles/{article.Id}/revisions?from={ids[0]}&to={ids[2]}");

        Assert.Equal(ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("select[name=from] option[selected]")!.GetAttribute("value"));
        Assert.Equal(["First"], page.QuerySelectorAll(".diff-field del").Select(d => d.TextContent));
        Assert.Equal(["Third"], page.QuerySelectorAll(".diff-field ins").Select(d => d.TextContent));

        var otherArticle = await app.CreateArticleAsync();
        var foreign = await browser.GetAsync(new Uri($"/admin/articles/{otherArticle.Id}/revisions?from={ids[0]}&to={ids[2]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task RestoresAnEarlierRevisionAsANewOneKeepingTheStatus()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var article = await app.CreateArticleAsync(a => a.Body = "The original report.");
        var editUrl = $"/admin/articles/edit/{article.Id}";
        await browser.PostFormAsync(editUrl, editUrl, Fields("A rewritten headline", "A rewritten report.", "publish", article.Slug));
        var first = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Id).FirstAsync());
        var revisionsUrl = $"/admin/articles/{article.Id}/revisions";

        var restored = await browser.PostFormAsync(revisionsUrl, $"{revisionsUrl}?handler=Restore", new()
        {
            ["revisionId"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var now = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == article.Id));
        Assert.Equal("The original report.", now.Body);
        Assert.Equal(article.Title, now.Title);
        Assert.Equal(ArticleStatus.Published, now.Status);
        Assert.Contains("The original report.", now.BodyHtml, StringComparison.Ordinal);
        var latest = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderByDescending(r => r.Id).FirstAsync());
        Assert.StartsWith("Restored from revision of ", latest.Summary, StringComparison.Ordinal);
        Assert.Equal("The original report.", latest.Body);
        var page = await browser.GetDocumentAsync(revisionsUrl);
        Assert.Contains("Revision restored", page.TextOf(".notice"), StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll(".revision-table tbody tr").Length);
        var reader = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(now));
        Assert.Equal(article.Title, reader.TextOf("article h1"));
    }

    [Fact]
    public async Task RefusesToRestoreASlugAnotherArticleNowUses()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var article = await app.CreateArticleAsync();
        var editUrl = $"/admin/articles/edit/{article.Id}";
        await browser.PostFormAsync(editUrl, editUrl, Fields(article.Title, article.Body, "publish", app.Unique("renamed")));
        await app.CreateArticleAsync(a => a.Slug = article.Slug);
        var first = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Id).FirstAsync());
        var revisionsUrl = $"/admin/articles/{article.Id}/revisions";

        var response = await browser.PostFormAsync(revisionsUrl, $"{revisionsUrl}?handler=Restore", new()
        {
            ["revisionId"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains($"Another article now uses the slug \"{article.Slug}\"", page.TextOf(".notice.error"), StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll(".revision-table tbody tr").Length);
    }

    [Fact]
    public async Task AnAuthorCannotSeeOrRestoreAnotherAuthorsRevisions()
    {
        var article = await app.CreateArticleAsync();
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var editUrl = $"/admin/articles/edit/{article.Id}";
        await editor.PostFormAsync(editUrl, editUrl, Fields(article.Title, "Edited by an editor.", "publish", article.Slug));
        var revisionId = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).Select(r => r.Id).FirstAsync());
        var author = app.CreateBrowser();
        await app.SignInAsync(author, StaffRoles.Author);
        var revisionsUrl = $"/admin/articles/{article.Id}/revisions";

        var look = await author.GetAsync(new Uri(revisionsUrl, UriKind.Relative));
        var restore = await author.PostFormAsync("/admin/articles/edit", $"{revisionsUrl}?handler=Restore", new()
        {
            ["revisionId"] = revisionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Forbidden, look.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, restore.StatusCode);
        Assert.Equal("Edited by an editor.", await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Body).SingleAsync()));
    }

    [Fact]
    public async Task RestoringNeedsTheAntiforgeryToken()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var article = await app.CreateArticleAsync();
        var revisionsUrl = $"/admin/articles/{article.Id}/revisions";

        var response = await browser.PostAsync(new Uri($"{revisionsUrl}?handler=Restore", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["revisionId"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The editor's fields; an edit sends the slug back, as the editor's form does.</summary>
    internal static Dictionary<string, string> Fields(string title, string body, string intent, string? slug = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title,
            ["Form.Body"] = body,
            ["Form.CommentsOpen"] = "true",
            ["intent"] = intent,
        };
        if (slug is not null)
        {
            fields["Form.Slug"] = slug;
        }
        return fields;
    }
}

public sealed class ArticleRevisionOnSqlite(SqliteApp app) : ArticleRevisionTests(app), IClassFixture<SqliteApp>;

public sealed class ArticleRevisionOnPostgreSql(PostgreSqlApp app) : ArticleRevisionTests(app), IClassFixture<PostgreSqlApp>;
