using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The masthead's search box, on every public page, and the results page it leads to.</summary>
public sealed class SearchPage(IPage page)
{
    public IPage Page => page;

    public ILocator MastheadBox => page.Locator("header").GetByRole(AriaRole.Searchbox, new() { Name = "Search the site", Exact = true });

    public ILocator MastheadButton => page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true });

    public ILocator ResultsBox => page.Locator("main").GetByRole(AriaRole.Searchbox, new() { Name = "Search for", Exact = true });

    public ILocator Count => page.Locator(".search-count");

    public ILocator Results => page.Locator(".search-result");

    public ILocator ResultLink(string title) => page.Locator(".search-result h2").GetByRole(AriaRole.Link, new() { Name = title, Exact = true });

    /// <summary>Searches from the masthead of whatever page is open, and waits for the results.</summary>
    public async Task SearchFromMastheadAsync(string query)
    {
        await MastheadBox.FillAsync(query);
        await MastheadButton.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search", Level = 1, Exact = true })).ToBeVisibleAsync();
    }
}
