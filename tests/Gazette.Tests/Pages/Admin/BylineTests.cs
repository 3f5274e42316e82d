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
