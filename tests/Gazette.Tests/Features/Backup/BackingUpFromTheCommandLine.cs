using Gazette.Features.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
    public async Task AFolderThatDoesNotExistIsNamed()
    {
        var missing = Path.Combine(Path.GetTempPath(), "gazette-no-such-folder-" + Guid.NewGuid().ToString("N"), "site.zip");

        var result = await GazetteVerb.RunAsync(new Dictionary<string, string> { ["Gazette__DataDirectory"] = app.DataDirectory }, "backup", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Errors, StringComparison.Ordinal);
    }
}
