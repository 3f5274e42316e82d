using System.Net;
using Gazette.Features.Backup;
using Gazette.Tests.Features.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// A restore replaces every table an import writes to: while one runs (on this instance or another sharing the
/// data folder), an import is refused with the reason, and nothing is queued.
/// </summary>
public sealed class ImportingDuringARestore
{
    [Fact]
    public async Task AnImportStartedWhileARestoreRunsIsRefusedAndNothingIsQueued()
    {
        using var app = new SqliteApp();
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        await ARestoreIsRunningAsync(app.DataDirectory);

        var posted = await browser.PostImportAsync(
            await WordPressFixtures.BeaconAtAsync($"https://during-restore-{Guid.NewGuid():N}.example.net"), WordPressFixtures.ZipOf());

        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains("The site is being restored from a backup", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ImportJobs.CountAsync()));
    }

    /// <summary>What a restore running on some instance shares: its lock and its state, with a fresh heartbeat.</summary>
    private static Task ARestoreIsRunningAsync(string dataDirectory) =>
        Backups.LeaveAJobAsync(dataDirectory, BackupJobKind.Restore, DateTime.UtcNow);
}
