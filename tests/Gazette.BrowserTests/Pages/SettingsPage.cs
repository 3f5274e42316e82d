using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The site settings, <c>/admin/settings</c> (Administrators).</summary>
public sealed class SettingsPage(IPage page)
{
    public ILocator SiteTitle => page.GetByLabel("Site title", new() { Exact = true });

    public ILocator TimeZone => page.GetByLabel("Time zone", new() { Exact = true });

    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save settings", Exact = true });

    /// <summary>The validation message shown beside the field with this id.</summary>
    public ILocator ErrorNextTo(string fieldId) => page.Locator($"#{fieldId} ~ .field-error");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/settings");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
    }
}
