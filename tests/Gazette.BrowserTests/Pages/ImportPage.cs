using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>Import and export, <c>/admin/import</c> (Administrators).</summary>
public sealed class ImportPage(IPage page)
{
    public ILocator ExportFile => page.GetByLabel("WordPress export file (WXR, .xml)", new() { Exact = true });

    public ILocator UploadsZip => page.GetByLabel("Images: WordPress's uploads folder as a zip (optional)", new() { Exact = true });

    public ILocator ImportButton => page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true });

    public ILocator Outcome => page.Locator("section .notice[role=status]");

    /// <summary>The report's row for one kind: its imported, skipped and failed counts.</summary>
    public ILocator ReportRow(string kind) => page.Locator("table.import-report tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = kind, Exact = true }) });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/import");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import and export", Level = 1 })).ToBeVisibleAsync();
    }
}
