using System.Net;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

/// <summary>Adding categories and keeping articles at the top of the home page are for Editors and Administrators.</summary>
public abstract class CategoriesAndStickinessTests(GazetteApp app)
{
    [Theory]
    [InlineData(StaffRoles.Contributor, "submit")]
    [InlineData(StaffRoles.Author, "publish")]
    public async Task AWriterBelowEditorCannotAddACategory(string role, string intent)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, role);
        var editor = await browser.GetDocumentAsync("/admin/articles/edit");
        Assert.Null(editor.QuerySelector("[name='Form.NewCategory']"));
        Assert.Null(editor.QuerySelector("[name='Form.NewCategoryParentId']"));
        var category = "Gossip " + app.Unique("c");
        var title = "Filed under " + app.Unique("gossip");

        var response = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", new()
        {
            ["Form.Title"] = title,
            ["Form.Body"] = "Words that must not be lost.",
            ["Form.NewCategory"] = category,
            ["intent"] = intent,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Only Editors and Administrators add categories", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal("Words that must not be lost.", page.QuerySelector("textarea[name='Form.Body']")!.TextContent.Trim());
        var slug = Slugs.From(category);
        Assert.False(await app.WithDbAsync(db => db.Categories.AnyAsync(c => c.Slug == slug)));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Theory]
    [InlineData(StaffRoles.Contributor, "submit")]
    [InlineData(StaffRoles.Author, "publish")]
    public async Task AWriterBelowEditorCannotMakeAnArticleStickyNorTakeItOff(string role, string intent)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, role);
        Assert.Null((await browser.GetDocumentAsync("/admin/articles/edit")).QuerySelector("[name='Form.IsSticky']"));
        var title = "Top story " + app.Unique("sticky");

        var saved = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", Fields(title, intent, sticky: true));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.False(article.IsSticky);

        // An Editor pins it; the writer's next save, ticked off or not, leaves it pinned.
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.IsSticky, true)));
        var url = $"/admin/articles/edit/{article.Id}";
        Assert.Null((await browser.GetDocumentAsync(url)).QuerySelector("[name='Form.IsSticky']"));
        var again = await browser.PostFormAsync(url, url, Fields(title, intent, sticky: false));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.IsSticky).SingleAsync()));
    }

    [Fact]
    public async Task AnEditorAddsACategoryAndMakesAnArticleSticky()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var editor = await browser.GetDocumentAsync("/admin/articles/edit");
        Assert.NotNull(editor.QuerySelector("input[name='Form.NewCategory']"));
        Assert.NotNull(editor.QuerySelector("input[name='Form.IsSticky']"));
        var category = "Harbour news " + app.Unique("c");
        var title = "Pinned " + app.Unique("story");
        var fields = Fields(title, "publish", sticky: true);
        fields["Form.NewCategory"] = category;

        var saved = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.Include(a => a.Categories).SingleAsync(a => a.Title == title));
        Assert.True(article.IsSticky);
        Assert.Equal([Slugs.From(category)], article.Categories.Select(c => c.Slug));
    }

    private static Dictionary<string, string> Fields(string title, string intent, bool sticky) => new()
    {
        ["Form.Title"] = title,
        ["Form.Body"] = "A paragraph.",
        ["Form.IsSticky"] = sticky ? "true" : "false",
        ["intent"] = intent,
    };
}

public sealed class CategoriesAndStickinessOnSqlite(SqliteApp app) : CategoriesAndStickinessTests(app), IClassFixture<SqliteApp>;

public sealed class CategoriesAndStickinessOnPostgreSql(PostgreSqlApp app) : CategoriesAndStickinessTests(app), IClassFixture<PostgreSqlApp>;
