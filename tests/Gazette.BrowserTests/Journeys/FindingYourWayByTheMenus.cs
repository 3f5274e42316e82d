using Gazette.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// A reader finds a section and the About page by the site's menus: the masthead's, with its
/// drop-down on a desktop and its "Menu" disclosure on a phone, and the footer's; with scripts
/// on and off. The new site's own menus are used: its sections above, its pages below.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FindingYourWayByTheMenus(BrowserApp app)
{
    [Fact]
    public async Task OnADesktopTheMastheadMenuLeadsToASectionAndItsSubSection()
    {
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Local", Exact = true })).ToBeVisibleAsync();
        var harbour = menu.GetByRole(AriaRole.Link, new() { Name = "Harbour", Exact = true });
        await Expect(harbour).ToBeHiddenAsync();

        await menu.GetByRole(AriaRole.Link, new() { Name = "Local", Exact = true }).HoverAsync();
        await Expect(harbour).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("menu-desktop.png") });
        await harbour.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/category/harbour$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Harbour");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).Locator("a[aria-current=page]")).ToHaveTextAsync("Harbour");

        // And back up the tree by keyboard: the sub-menu opens when its section has the focus.
        await page.GotoAsync("/");
        await menu.GetByRole(AriaRole.Link, new() { Name = "Local", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(harbour).ToBeFocusedAsync();
        await Expect(harbour).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OnAPhoneTheMenuFoldsBehindAButtonThatWorksWithOrWithoutScripts(bool scripts)
    {
        await using var context = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, JavaScriptEnabled = scripts,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" });
        var local = menu.GetByRole(AriaRole.Link, new() { Name = "Local", Exact = true });
        await Expect(local).ToBeHiddenAsync();

        await menu.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await Expect(local).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Harbour", Exact = true })).ToBeVisibleAsync();
        if (scripts)
        {
            await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("menu-phone-open.png") });
        }
        await local.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/category/local$"));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Footer menu" })
            .GetByRole(AriaRole.Link, new() { Name = "About the Gazette" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/about-the-gazette$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("About the Gazette");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]}px wide on a {widths[1]}px screen.");
    }
}
