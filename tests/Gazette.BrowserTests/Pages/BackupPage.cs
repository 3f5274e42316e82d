using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>Backup and restore, <c>/admin/backup</c> (Administrators), and the restore's own page, <c>/admin/restored</c>.</summary>
public sealed class BackupPage(IPage page)
{
    public ILocator MakeABackupButton => page.GetByRole(AriaRole.Button, new() { Name = "Make a backup", Exact = true });

    public ILocator DownloadLink => page.GetByRole(AriaRole.Link, new() { Name = "Download gazette-backup-" });

    public ILocator ArchiveFile => page.GetByLabel("Backup archive (.zip)", new() { Exact = true });

    /// <summary>The radio button of an archive kept on the site.</summary>
    public ILocator Kept(string fileName) => page.GetByRole(AriaRole.Radio, new() { Name = fileName });

    public ILocator Confirmation => page.GetByLabel("Replace everything on this site with the backup", new() { Exact = true });

    public ILocator RestoreButton => page.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true });

    public ILocator Outcome => page.Locator(".notice[role=status], .notice[role=alert]");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/backup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Backup", Level = 1 })).ToBeVisibleAsync();
    }
}
