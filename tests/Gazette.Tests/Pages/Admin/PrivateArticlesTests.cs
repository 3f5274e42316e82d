using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// An article published for staff only (WordPress's "private") is on no page readers see, cached or
/// not; staff who may edit it read it with a note saying so; published for all, readers see it at once.
/// </summary>
public abstract class PrivateArticlesTests(GazetteApp app)
{
    private const string Editor = "/admin/articles/edit";

    [Fact]
    public async Task OnlyStaffWhoMayEditItReadAPrivateArticleAndPublishingItShowsItToAll()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        foreach (var page in new[] { "/", "/feed", "/sitemap.xml" })
        {
            await app.CreateBrowser().GetAsync(new Uri(page, UriKind.Relative));
        }
        var title = "Staff rota for the regatta " + app.Unique("rota");

        var saved = await editor.PostFormAsync(Editor, Editor, new()
        {
            ["Form.Title"] = title, ["Form.Body"] = "Who stands at which pontoon, hour by hour.", ["Form.CommentsOpen"] = "true", ["intent"] = "private",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Private, article.Status);
        var url = GazetteApp.UrlOf(article);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        foreach (var page in new[] { "/", "/feed", "/sitemap-posts-1.xml", "/search?q=pontoon" })
        {
            var text = await app.CreateBrowser().GetStringAsync(new Uri(page, UriKind.Relative));
            Assert.DoesNotContain(title, text, StringComparison.Ordinal);
        }
        var asEditor = await editor.GetDocumentAsync(url);
        Assert.Contains("published for staff only", asEditor.TextOf(".private-note"), StringComparison.Ordinal);
        var otherAuthor = app.CreateBrowser();
        await app.SignInAsync(otherAuthor, StaffRoles.Author);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAuthor.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        var list = await editor.GetDocumentAsync("/admin/articles?status=Private");
        Assert.Contains(title, list.TextOf("main"), StringComparison.Ordinal);

        var edit = saved.Headers.Location!.OriginalString;
        var published = await editor.PostFormAsync(edit, edit, new()
        {
            ["Form.Title"] = title, ["Form.Body"] = "Who stands at which pontoon, hour by hour.", ["Form.CommentsOpen"] = "true", ["intent"] = "publish",
        });

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Contains(title, await app.CreateBrowser().GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Null((await app.CreateBrowser().GetDocumentAsync(url)).QuerySelector(".private-note"));
    }
}

public sealed class PrivateArticlesOnSqlite(SqliteApp app) : PrivateArticlesTests(app), IClassFixture<SqliteApp>;

public sealed class PrivateArticlesOnPostgreSql(PostgreSqlApp app) : PrivateArticlesTests(app), IClassFixture<PostgreSqlApp>;
