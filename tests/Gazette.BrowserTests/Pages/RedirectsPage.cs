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

    public ILocator StatusNotice => page.GetByRole(AriaRole.Status);

    public ILocator Errors => page.GetByRole(AriaRole.Alert);

    /// <summary>Adds a redirect through the form and waits for the list to confirm it.</summary>
    public async Task AddAsync(string from, string to)
    {
        await SubmitAsync(from, to);
        await Expect(StatusNotice).ToContainTextAsync($"Redirect added: {from}");
    }

    /// <summary>Sends the form with something it must refuse, and waits for the error.</summary>
    public async Task AddRefusedAsync(string from, string to, string error)
    {
        await SubmitAsync(from, to);
        await Expect(Errors).ToContainTextAsync(error);
    }

    private async Task SubmitAsync(string from, string to)
    {
        await OpenAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a redirect", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a redirect", Level = 1 })).ToBeVisibleAsync();
        await From.FillAsync(from);
        await To.FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add redirect", Exact = true }).ClickAsync();
    }
}
