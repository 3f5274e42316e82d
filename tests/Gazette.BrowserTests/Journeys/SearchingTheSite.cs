using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SearchingTheSite(BrowserApp app)
{
    [Fact]
    public async Task AReaderOnAPhoneFindsAnArticleFromTheMastheadWithoutJavaScript()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        var title = await app.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Id == arranged.Id).Title));
        var marker = title[^6..];
        await using var context = await app.NewContextAsync(new()
        {
            JavaScriptEnabled = false,
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var search = new SearchPage(await context.NewPageAsync());
        await search.Page.GotoAsync("/");

        await search.SearchFromMastheadAsync($"tid* {marker}");

        await Expect(search.Count).ToHaveTextAsync($"1 result for “tid* {marker}”");
        await Expect(search.ResultsBox).ToHaveValueAsync($"tid* {marker}");
        await Expect(search.Results.Locator("mark").First).ToBeVisibleAsync();
        var resultsUrl = search.Page.Url;

        await search.ResultLink(title).ClickAsync();
        await Expect(search.Page.Locator("article h1")).ToHaveTextAsync(title);

        // axe and the width check run scripts: the same results in a browser that allows them.
        await using var scripted = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await scripted.NewPageAsync();
        await page.GotoAsync(resultsUrl);
        await Expect(page.Locator(".search-result mark").First).ToBeVisibleAsync();
        await AxeAssert.NoViolationsAsync(page, "the search results page");
        await LayoutAssert.NoSidewaysScrollingAsync(page, "the search results page");
    }
}
