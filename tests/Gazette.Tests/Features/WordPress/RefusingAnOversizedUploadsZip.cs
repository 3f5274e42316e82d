using System.Globalization;
using System.Net;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Gazette.Tests.Features.WordPress;

/// <summary>An app that unpacks at most 1 MB and 3 files from an uploads zip, so that a zip over the limits stays small.</summary>
public sealed class TightUnpackLimitsApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:WordPress:MaxUnpackedMegabytes", "1");
        builder.UseSetting("Gazette:WordPress:MaxUnpackedFiles", "3");
    }
}

/// <summary>
/// A small zip may unpack to gigabytes: the uploads zip of an import is refused whole when it
/// unpacks to more, or holds more files, than the settings allow, and nothing of it is left behind.
/// The limits do not depend on the database, so these run on SQLite only.
/// </summary>
public sealed class RefusingAnOversizedUploadsZip(TightUnpackLimitsApp app) : IClassFixture<TightUnpackLimitsApp>
{
    private static readonly byte[] Png = Media.TestImages.Draw("png", 640, 400);

    [Fact]
    public async Task TheStaffAreaRefusesAZipThatUnpacksToMoreThanTheLimitAndLeavesNothing()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var before = await app.SnapshotAsync();
        // A few KB of zip that unpacks to 1.8 MB, each file within what the library takes: a bomb in miniature.
        var zip = WordPressFixtures.ZipOf(("uploads/2015/03/beacon.png", Png),
            ("uploads/2015/03/a.bin", new byte[600 * 1024]), ("uploads/2015/03/b.bin", new byte[600 * 1024]));
        Assert.True(zip.Length < 8 * 1024, $"{zip.Length} bytes");

        var posted = await browser.PostImportAsync(await WordPressFixtures.BeaconAtAsync($"https://bomb-{Guid.NewGuid():N}.example.net"), zip);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await browser.WaitForTheImportReportAsync();
        Assert.Contains("The import failed: The uploads zip unpacks to more than 1 MB, the most an import unpacks. Nothing was imported.",
            page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(app.DataDirectory, "imports")));
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task TheCommandLineRefusesAZipOfMoreFilesThanTheLimit()
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("zip-").FullName, "uploads.zip");
        await File.WriteAllBytesAsync(zip, WordPressFixtures.ZipOf([.. Enumerable.Range(1, 4).Select(i => ($"uploads/2015/03/{i}.png", Png))]));
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var errors = new StringWriter(CultureInfo.InvariantCulture);
        var before = await app.SnapshotAsync();

        var exit = await RunWordPressImport.RunAsync(app.Services, WordPressFixtures.PathOf(WordPressFixtures.Beacon), ["--uploads", zip], output, errors);

        Assert.Equal(1, exit);
        Assert.Equal("The uploads zip holds 4 entries; an import unpacks at most 3. Nothing was imported.", errors.ToString().Trim());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task AZipIsRefusedWhenUnpackingItWouldLeaveTooLittleDiskFree()
    {
        var work = Directory.CreateTempSubdirectory("zip-").FullName;
        var zip = Path.Combine(work, "uploads.zip");
        await File.WriteAllBytesAsync(zip, WordPressFixtures.ZipOf(("uploads/2015/03/ok.png", Png)));
        var limits = new WordPressSettings { MinFreeDiskMegabytes = int.MaxValue };

        var refused = await Assert.ThrowsAsync<WxrFormatException>(
            () => UploadsArchive.UnpackAsync(zip, Path.Combine(work, "out"), 1 << 20, limits, CancellationToken.None));

        Assert.StartsWith("Unpacking the uploads zip would leave less than 2,147,483,647 MB free on the disk", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(work, "out")));
    }
}
