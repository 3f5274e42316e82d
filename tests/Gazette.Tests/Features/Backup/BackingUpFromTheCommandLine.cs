using Gazette.Features.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Backup;

/// <summary><c>backup FILE</c>, typed by an operator while the site runs on the same data folder.</summary>
public sealed class BackingUpFromTheCommandLine(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task TheVerbWritesAWholeArchiveBesideARunningSite()
    {
        await app.CreateBrowser().GetAsync(new Uri("/", UriKind.Relative));
        var folder = Directory.CreateTempSubdirectory("gazette-archives-").FullName;
        try
        {
            var archive = Path.Combine(folder, "site.zip");

            var result = await GazetteVerb.RunAsync(new Dictionary<string, string> { ["Gazette__DataDirectory"] = app.DataDirectory }, "backup", archive);

            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.Errors}");
            Assert.Contains($"Backed up the site to {archive}", result.Output, StringComparison.Ordinal);
            var manifest = await BackupArchiveReader.VerifyAsync(archive, CancellationToken.None);
            Assert.Equal("Sqlite", manifest.Provider);
            // The schema's latest migration, whichever that is now.
            Assert.Equal(await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Last())), manifest.Migration);
            Assert.Equal(["site.zip"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RestoreReplacesASiteThatIsNotEmptyOnlyWhenToldTo()
    {
        using var site = new SqliteApp();
        await site.CreateArticleAsync();
        var environment = new Dictionary<string, string> { ["Gazette__DataDirectory"] = site.DataDirectory };
        var folder = Directory.CreateTempSubdirectory("gazette-archives-").FullName;
        try
        {
            var archive = Path.Combine(folder, "site.zip");
            Assert.Equal(0, (await GazetteVerb.RunAsync(environment, "backup", archive)).ExitCode);
            var backedUp = await site.WithDbAsync(db => SiteContents.ReadAsync(db, site.DataDirectory));
            var later = await site.CreateArticleAsync();
            var beforeRestore = await site.WithDbAsync(db => SiteContents.ReadAsync(db, site.DataDirectory));

            var refused = await GazetteVerb.RunAsync(environment, "restore", archive);

            Assert.True(refused.ExitCode == 1, $"exit {refused.ExitCode}\n{refused.Output}\n{refused.Errors}");
            Assert.Contains("add --replace", refused.Errors, StringComparison.Ordinal);
            Assert.True(await site.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == later.Id)));

            var replaced = await GazetteVerb.RunAsync(environment, "restore", archive, "--replace");

            Assert.True(replaced.ExitCode == 0, $"exit {replaced.ExitCode}\n{replaced.Output}\n{replaced.Errors}");
            Assert.Contains("Made a safety backup of the site as it was: ", replaced.Output, StringComparison.Ordinal);
            RestoringFromTheStaffArea.AssertSame(backedUp, await site.WithDbAsync(db => SiteContents.ReadAsync(db, site.DataDirectory)));
            var safety = Assert.Single(Directory.GetFiles(Path.Combine(site.DataDirectory, "backups"), StoredBackups.SafetyBackupPrefix + "*.zip"));
            await using (var scope = site.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<RestoreBackup>().ExecuteAsync(safety, RestoreInto.ReplaceSite, null, null, CancellationToken.None);
            }
            RestoringFromTheStaffArea.AssertSame(beforeRestore, await site.WithDbAsync(db => SiteContents.ReadAsync(db, site.DataDirectory)));
            Assert.Equal(2, (await GazetteVerb.RunAsync(environment, "restore", archive, "--force")).ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AFolderThatDoesNotExistIsNamed()
    {
        var missing = Path.Combine(Path.GetTempPath(), "gazette-no-such-folder-" + Guid.NewGuid().ToString("N"), "site.zip");

        var result = await GazetteVerb.RunAsync(new Dictionary<string, string> { ["Gazette__DataDirectory"] = app.DataDirectory }, "backup", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Errors, StringComparison.Ordinal);
    }
}
