using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Accessibility;

/// <summary>SPEC: WCAG 2.2 AA, checked as "0 axe violations" on the pages people use most.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PagesHaveNoAxeViolations(BrowserApp app)
{
    [Fact]
    public async Task TheHomePage()
    {
        await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator(".front-top .lead")).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(page, "the home page");
    }

    [Fact]
    public async Task TheHomePageOnAPhoneWithItsMenuOpen()
    {
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Local", Exact = true })).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(page, "the home page on a phone, menu open");
    }

    [Fact]
    public async Task TheMenuEditor()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        await page.GotoAsync("/admin/menus");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "The site's menus" }).GetByRole(AriaRole.Link, new() { Name = "Sections" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save menu" })).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(page, "the menu editor");
    }

    [Theory]
    [InlineData("/admin/front-page", "Save the front page")]
    [InlineData("/admin/account", "Save profile")]
    public async Task TheFrontPageScreenAndTheAccountPage(string path, string button)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = button })).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(page, path);
    }

    [Fact]
    public async Task TheArticlePageWithItsCommentsAndForm()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var article = new ArticlePage(await context.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        await Expect(article.CommentBy(arranged.FirstCommentAuthor)).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(article.Page, "the article page");
    }

    [Fact]
    public async Task TheArticleImportedFromWordPressBlocks()
    {
        var url = await app.ArrangeBlocksArticleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await Expect(page.Locator(".wp-block-cover")).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(page, "the article of WordPress blocks");
    }

    [Fact]
    public async Task TheArticlePageShowingFormErrors()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var article = new ArticlePage(await context.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        await article.PostCommentAsync(new CommentEntry("", "not-an-email", null, ""));
        await Expect(article.ErrorNextTo(article.EmailField)).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(article.Page, "the article page with form errors");
    }

    [Fact]
    public async Task TheArticleEditorForAnExistingArticle()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        await new ArticleEditorPage(page).OpenAsync(arranged.Id);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true })).ToBeVisibleAsync();

        await AxeAssert.NoViolationsAsync(page, "the article editor");
    }

    [Fact]
    public async Task TheRevisionsPageComparingTwoVersions()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var editor = new ArticleEditorPage(page);
        await editor.OpenAsync(arranged.Id);
        await editor.UpdateBodyAsync("A shorter body, rewritten.");
        var revisions = new RevisionsPage(page);
        await page.GotoAsync($"/admin/articles/{arranged.Id}/revisions");
        await Expect(revisions.Added("Body")).Not.ToHaveCountAsync(0);

        await AxeAssert.NoViolationsAsync(page, "the revisions page");
    }

    [Fact]
    public async Task TheRedirectsPageAndItsFormShowingAnError()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var redirects = new RedirectsPage(page);
        await redirects.AddAsync("/" + app.Unique("old-news"), "/about");
        await Expect(redirects.Rows).Not.ToHaveCountAsync(0);
        await AxeAssert.NoViolationsAsync(page, "the redirects page");

        await redirects.AddRefusedAsync("/admin", "http://example.org/", "newsroom");
        await AxeAssert.NoViolationsAsync(page, "the redirect form with an error");
    }
}
