using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The redirects list, <c>/admin/redirects</c>, and its form at <c>/admin/redirects/edit</c>.</summary>
public sealed class RedirectsPage(IPage page)
{
    public ILocator Rows => page.Locator(".redirect-table tbody tr");

    public ILocator From => page.GetByLabel("From (an address on this site)", new() { Exact = true });

    public ILocator To => page.GetByLabel("To (a path on this site, or an https:// address)", new() { Exact = true });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/redirects");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Redirects", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Fills and sends the form from the list's "Add a redirect"; the page then shows the list, or the form with its errors.</summary>
    public async Task AddAsync(string from, string to)
    {
        await OpenAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a redirect", Exact = true }).ClickAsync();
        await From.FillAsync(from);
        await To.FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add redirect", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
