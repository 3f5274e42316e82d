using System.Text.RegularExpressions;
using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// An Administrator makes a backup, writes an article, then restores the backup from the staff area:
/// the confirmation, the progress page, the page that says the site was restored and everyone signed
/// out; signed in again, the article written after the backup is gone and the safety backup is kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RestoringASiteFromABackup(BrowserApp app)
{
    [Fact]
    public async Task AnAdministratorRestoresTheLastBackupAndSignsInAgain()
    {
        var admin = await app.CreateStaffAsync("Administrator");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        await new SignInPage(page).SignInAsync(admin.UserName, admin.Password);
        var backup = new BackupPage(page);
        await backup.OpenAsync();
        await backup.MakeABackupButton.ClickAsync();
        // The page refreshes itself while the backup is made, then offers it.
        await Expect(backup.DownloadLink).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var archive = (await backup.DownloadLink.TextContentAsync())!.Replace("Download ", "", StringComparison.Ordinal).Trim();
        var later = await app.ArrangeFullArticleAsync();
        Assert.Equal(200, (await page.GotoAsync(later.Url))!.Status);
        await backup.OpenAsync();
        await AxeAssert.NoViolationsAsync(page, "the backup page");

        // Without the tick the browser does not send the form; with it, the restore starts.
        await backup.Kept(archive).CheckAsync();
        await backup.RestoreButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(BackupAddress());
        await backup.Confirmation.CheckAsync();
        await backup.RestoreButton.ClickAsync();

        await Expect(page).ToHaveURLAsync(RestoredAddress());
        await Expect(backup.Outcome).ToContainTextAsync("The site was restored from the backup made at", new() { Timeout = 60_000 });
        await Expect(page.GetByText("Sign in with an account from the backup.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("restore-done.png"), FullPage = true });
        await AxeAssert.NoViolationsAsync(page, "the restore page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the newsroom" })).ToBeVisibleAsync();
        await new SignInPage(page).SignInAsync(admin.UserName, admin.Password);
        await backup.OpenAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "gazette-safety-backup-" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("restore-backup-page.png"), FullPage = true });
        // Written after the backup: gone, and no copy of its page is left in the cache.
        Assert.Equal(404, (await page.GotoAsync(later.Url))!.Status);

        Assert.True(watch.Problems.Count == 0, string.Join(Environment.NewLine, watch.Problems));
    }

    [GeneratedRegex(@"/admin/backup$")]
    private static partial Regex BackupAddress();

    [GeneratedRegex(@"/admin/restored$")]
    private static partial Regex RestoredAddress();
}
