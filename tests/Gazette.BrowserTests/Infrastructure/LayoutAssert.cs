using Microsoft.Playwright;

namespace Gazette.BrowserTests.Infrastructure;

public static class LayoutAssert
{
    /// <summary>The page fits the screen's width: nothing makes a phone scroll sideways.</summary>
    public static async Task NoSidewaysScrollingAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} is {widths[0]}px wide on a {widths[1]}px screen.");
    }
}
