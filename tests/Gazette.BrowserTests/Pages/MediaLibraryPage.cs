using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The newsroom's media library, <c>/admin/media</c>, and an image's own page, <c>/admin/media/{id}</c>.</summary>
public sealed class MediaLibraryPage(IPage page)
{
    public IPage Page => page;

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Media library", Level = 1 });

    public ILocator UploadField => page.GetByLabel("Upload images", new() { Exact = true });

    public ILocator UploadButton => page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true });

    public ILocator Notice => page.GetByRole(AriaRole.Status);

    public ILocator Cards => page.Locator(".media-card");

    public ILocator AltText => page.GetByLabel("Alt text", new() { Exact = true });

    public ILocator Caption => page.GetByLabel("Caption", new() { Exact = true });

    public ILocator Credit => page.GetByLabel("Credit (image source)", new() { Exact = true });

    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    public ILocator Card(string fileName) => Cards.Filter(new() { Has = page.GetByText(fileName, new() { Exact = true }) });

    public ILocator ImageHeading(string fileName) => page.GetByRole(AriaRole.Heading, new() { Name = fileName, Level = 1 });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/media");
        await Expect(Heading).ToBeVisibleAsync();
    }

    /// <summary>Chooses the files and uploads them: one file lands on its page, several on the library.</summary>
    public async Task UploadAsync(params string[] paths)
    {
        await UploadField.SetInputFilesAsync(paths);
        // Resizing and encoding take seconds on a busy machine: longer than a click usually waits.
        await UploadButton.ClickAsync(new() { Timeout = 60_000 });
    }

    /// <summary>On an image's page: writes its alt text, caption and credit and saves them.</summary>
    public async Task DescribeAsync(string altText, string caption, string credit)
    {
        await AltText.FillAsync(altText);
        await Caption.FillAsync(caption);
        await Credit.FillAsync(credit);
        await SaveButton.ClickAsync();
        await Expect(Notice).ToContainTextAsync("Saved.");
    }
}
