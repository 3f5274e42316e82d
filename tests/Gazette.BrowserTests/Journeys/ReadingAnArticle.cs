using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ReadingAnArticle(BrowserApp app)
{
    [Fact]
    public async Task LoadsNothingFromOtherSitesAndLogsNoErrors()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        var article = new ArticlePage(page);

        await article.OpenAsync(arranged.Url);
        await Expect(article.FeaturedImage).ToBeVisibleAsync();
        // The form again, as the server sends it back with errors.
        await article.PostCommentAsync(new CommentEntry("", "", null, ""));
        await Expect(article.ErrorNextTo(article.NameField)).ToBeVisibleAsync();
        await page.GotoAsync("/");

        Assert.True(watch.Problems.Count == 0, string.Join(Environment.NewLine, watch.Problems));
    }

    [Fact]
    public async Task FitsAPhoneScreenWithoutScrollingSideways()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 320, Height = 640 }, IsMobile = true, HasTouch = true,
        });
        var article = new ArticlePage(await context.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        await Expect(article.CommentBy(arranged.FirstCommentAuthor)).ToBeVisibleAsync();

        var widths = await article.Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]}px wide on a {widths[1]}px screen.");
    }
}
