using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>
/// Where a commenter asks for their data, <c>/comments/my-data</c>, and the page the emailed
/// export link opens.
/// </summary>
public sealed class MyDataPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Your comments and your data", Level = 1 });

    public ILocator Email => page.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true });

    public ILocator SendButton => page.GetByRole(AriaRole.Button, new() { Name = "Send me the link", Exact = true });

    public ILocator SentNotice => page.GetByRole(AriaRole.Status);

    public ILocator DownloadHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Download your data", Level = 1 });

    public ILocator DownloadButton => page.GetByRole(AriaRole.Button, new() { Name = "Download my data", Exact = true });

    public async Task RequestLinkAsync(string email)
    {
        await Expect(Heading).ToBeVisibleAsync();
        await Email.FillAsync(email);
        await SendButton.ClickAsync();
        await Expect(SentNotice).ToContainTextAsync($"We have sent a message to {email}.");
    }

    /// <summary>On the page the emailed link opens: downloads the export and returns the file's text.</summary>
    public async Task<(string FileName, string Text)> DownloadAsync()
    {
        await Expect(DownloadHeading).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => DownloadButton.ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }
}
