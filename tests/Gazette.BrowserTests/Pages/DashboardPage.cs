using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The newsroom's dashboard, <c>/admin</c>.</summary>
public sealed class DashboardPage(IPage page)
{
    public ILocator Scheduled => page.GetByRole(AriaRole.Region, new() { Name = "Scheduled", Exact = true });

    /// <summary>The entry for an article in the Scheduled panel.</summary>
    public ILocator ScheduledArticle(string title) => Scheduled.GetByRole(AriaRole.Listitem).Filter(new() { HasText = title });

    public async Task OpenAsync()
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Newsroom" })
            .GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }
}
