using System.Net;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// Attachments' files reach the media library from a zip of WordPress's uploads folder (from the
/// staff area or the command line) or downloaded from the old site, which must be a public address.
/// </summary>
public abstract class ImportingAttachmentFiles(GazetteApp app)
{
    private static readonly byte[] Png = Media.TestImages.Draw("png", 640, 400);

    [Fact]
    public async Task AnAdministratorUploadsTheUploadsFolderAsAZipWithTheExport()
    {
        var site = $"https://zip-{Guid.NewGuid():N}.example.net";
        var zip = WordPressFixtures.ZipOf(("wp-content/uploads/2015/03/beacon.png", Png), ("wp-content/uploads/2015/03/notes.txt", "x"u8.ToArray()));
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);

        var posted = await browser.PostImportAsync(await WordPressFixtures.BeaconAtAsync(site), zip);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await browser.WaitForTheImportReportAsync();
        Assert.Contains("The import finished.", page.Body!.TextContent, StringComparison.Ordinal);
        var post = await app.Services.ImportedArticleAsync(site, "31");
        Assert.StartsWith("/media/", post.FeaturedImageUrl, StringComparison.Ordinal);
        Assert.Equal("Coastal Archive", post.FeaturedImageCredit);
        var image = await browser.GetAsync(new Uri(post.FeaturedImageUrl!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(app.DataDirectory, "imports")));
    }

    [Fact]
    public async Task ImagesInTheTextPointAtTheStoredCopiesThoughTheAttachmentComesLaterInTheFile()
    {
        var site = $"https://inline-{Guid.NewGuid():N}.example.net";
        var export = await WordPressFixtures.BeaconAtAsync(site);
        await File.WriteAllTextAsync(export, (await File.ReadAllTextAsync(export)).Replace(
            "<p>The beacon on the skerry is lit.</p>",
            $"<p>The beacon on the skerry is lit.</p><p><img src=\"{site}/wp-content/uploads/2015/03/beacon-300x188.png\" alt=\"The beacon\"></p>",
            StringComparison.Ordinal));
        var uploads = Directory.CreateTempSubdirectory("wp-uploads-").FullName;
        Directory.CreateDirectory(Path.Combine(uploads, "2015", "03"));
        await File.WriteAllBytesAsync(Path.Combine(uploads, "2015", "03", "beacon.png"), Png);

        var report = await app.ImportAsync(export, uploads);

        Assert.True(report.Succeeded, report.ToString());
        var post = await app.Services.ImportedArticleAsync(site, "31");
        Assert.DoesNotContain("beacon-300x188.png", post.Body, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{post.FeaturedImageUrl}\"", post.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Warnings, w => w.Contains("featured image", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGalleryThatNamesNoImagesShowsThoseAttachedToThePostThoughTheyComeLaterInTheFile()
    {
        var site = $"https://gallery-{Guid.NewGuid():N}.example.net";
        var export = await WordPressFixtures.BeaconAtAsync(site);
        await File.WriteAllTextAsync(export, (await File.ReadAllTextAsync(export))
            .Replace("<p>The beacon on the skerry is lit.</p>", "<p>The beacon on the skerry is lit.</p>\n\n[gallery columns=\"2\"]", StringComparison.Ordinal)
            .Replace("<wp:post_type>attachment</wp:post_type>", "<wp:post_type>attachment</wp:post_type><wp:post_parent>31</wp:post_parent>", StringComparison.Ordinal));

        var report = await app.ImportAsync(export, files: null);

        Assert.True(report.Succeeded, report.ToString());
        var post = await app.Services.ImportedArticleAsync(site, "31");
        Assert.Contains("gallery", post.BodyHtml, StringComparison.Ordinal);
        Assert.Contains($"src=\"{site}/wp-content/uploads/2015/03/beacon.png\"", post.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("[gallery", post.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Warnings, w => w.Contains("[gallery]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCommandLineTakesTheUploadsFolderAsAZip()
    {
        var site = $"https://cli-{Guid.NewGuid():N}.example.net";
        var zip = Path.Combine(Directory.CreateTempSubdirectory("zip-").FullName, "uploads.zip");
        await File.WriteAllBytesAsync(zip, WordPressFixtures.ZipOf(("uploads/2015/03/beacon.png", Png)));
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var errors = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);

        var exit = await RunWordPressImport.RunAsync(app.Services, await WordPressFixtures.BeaconAtAsync(site), ["--uploads", zip], output, errors);

        Assert.Equal(0, exit);
        Assert.Matches(@"attachments\s+1\s+0\s+0", output.ToString());
        Assert.StartsWith("/media/", (await app.Services.ImportedArticleAsync(site, "31")).FeaturedImageUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLineRefusesAnUploadsFolderThatIsNotThere()
    {
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var errors = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var before = await app.SnapshotAsync();

        var exit = await RunWordPressImport.RunAsync(
            app.Services, WordPressFixtures.PathOf(WordPressFixtures.Beacon), ["--uploads", "/no/such/uploads"], output, errors);

        Assert.Equal(2, exit);
        Assert.Contains("There is no uploads folder \"/no/such/uploads\"", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task AZipThatIsNotAZipIsRefusedWithTheReason()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);

        await browser.PostImportAsync(await WordPressFixtures.BeaconAtAsync("https://not-zip.example.net"), "not a zip at all"u8.ToArray());

        var page = await browser.WaitForTheImportReportAsync();
        Assert.Contains("The import failed: The uploads file is not a readable zip", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadsEachImageFromTheOldSiteWhenAllowedToReachIt()
    {
        await using var oldSite = await OldSite.StartAsync();
        await using var allowed = app.WithWebHostBuilder(b => b.UseSetting(OldSiteDownloads.AllowPrivateAddressesSetting, "true"));

        var report = await ImportWithDownloadsAsync(allowed.Services, await WordPressFixtures.BeaconAtAsync(oldSite.Url));

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(1, report.ByKind["attachments"].Imported);
        Assert.Equal(["/wp-content/uploads/2015/03/beacon.png"], oldSite.Requests);
        var post = await allowed.Services.ImportedArticleAsync(oldSite.Url, "31");
        Assert.StartsWith("/media/", post.FeaturedImageUrl, StringComparison.Ordinal);
        Assert.Equal("A white light on a rock", post.FeaturedImageAlt);
    }

    [Fact]
    public async Task NeverDownloadsFromAPrivateAddressAndSaysWhy()
    {
        await using var oldSite = await OldSite.StartAsync();

        var report = await ImportWithDownloadsAsync(app.Services, await WordPressFixtures.BeaconAtAsync(oldSite.Url));

        Assert.True(report.Succeeded, report.ToString());
        Assert.Empty(oldSite.Requests);
        Assert.Contains(report.Skips, s => s.Contains("#32", StringComparison.Ordinal) && s.Contains("is not a public address", StringComparison.Ordinal));
        var post = await app.Services.ImportedArticleAsync(oldSite.Url, "31");
        Assert.Equal(oldSite.Url + "/wp-content/uploads/2015/03/beacon.png", post.FeaturedImageUrl);
    }

    [Fact]
    public async Task AMissingFileOnTheOldSiteIsReportedAndTheAddressKept()
    {
        await using var oldSite = await OldSite.StartAsync(serves: false);
        await using var allowed = app.WithWebHostBuilder(b => b.UseSetting(OldSiteDownloads.AllowPrivateAddressesSetting, "true"));

        var report = await ImportWithDownloadsAsync(allowed.Services, await WordPressFixtures.BeaconAtAsync(oldSite.Url));

        Assert.True(report.Succeeded, report.ToString());
        Assert.Contains(report.Skips, s => s.Contains("#32", StringComparison.Ordinal) && s.Contains("the old site answered 404", StringComparison.Ordinal));
        Assert.Equal(0, report.ByKind["attachments"].Imported);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2a00:1450:4001:80b::200e", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("224.0.0.1", false)]
    public void OnlyPublicAddressesAreReached(string address, bool reached) =>
        Assert.Equal(reached, OldSiteDownloads.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task AZipEntryThatPointsOutsideTheFolderIsRefused()
    {
        var work = Directory.CreateTempSubdirectory("zip-").FullName;
        var zip = Path.Combine(work, "evil.zip");
        await File.WriteAllBytesAsync(zip, WordPressFixtures.ZipOf(("uploads/2015/03/ok.png", Png), ("../../outside.png", Png)));

        var refused = await Assert.ThrowsAsync<WxrFormatException>(() => UploadsArchive.UnpackAsync(zip, Path.Combine(work, "out"), 1 << 20, new WordPressSettings(), CancellationToken.None));

        Assert.Contains("points outside the folder", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "..", "outside.png")));
    }

    [Fact]
    public async Task UnpackingStepsIntoTheUploadsFolderAndLeavesOutFilesTooLargeToStore()
    {
        var work = Directory.CreateTempSubdirectory("zip-").FullName;
        var zip = Path.Combine(work, "uploads.zip");
        await File.WriteAllBytesAsync(zip, WordPressFixtures.ZipOf(("wp-content/uploads/2015/03/ok.png", Png), ("wp-content/uploads/2015/04/huge.png", new byte[Png.Length + 1])));

        var folder = await UploadsArchive.UnpackAsync(zip, Path.Combine(work, "out"), Png.Length, new WordPressSettings(), CancellationToken.None);

        Assert.Equal(Path.Combine(work, "out", "wp-content", "uploads"), folder);
        Assert.True(File.Exists(Path.Combine(folder, "2015", "03", "ok.png")));
        Assert.False(File.Exists(Path.Combine(folder, "2015", "04", "huge.png")));
    }

    private static async Task<ImportReport> ImportWithDownloadsAsync(IServiceProvider services, string file)
    {
        await using var scope = services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
        return await import.ExecuteAsync(file, scope.ServiceProvider.GetRequiredService<OldSiteDownloads>(), null, CancellationToken.None);
    }

    /// <summary>A stand-in for the old WordPress server, on a loopback port, serving the Beacon image.</summary>
    private sealed class OldSite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OldSite(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public List<string> Requests { get; } = [];

        public static async Task<OldSite> StartAsync(bool serves = true)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            OldSite? site = null;
            app.MapGet("/wp-content/uploads/{**path}", (HttpContext context) =>
            {
                lock (site!.Requests)
                {
                    site.Requests.Add(context.Request.Path.Value!);
                }
                return serves && context.Request.Path == "/wp-content/uploads/2015/03/beacon.png"
                    ? Results.Bytes(Png, "image/png") : Results.NotFound();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            site = new OldSite(app, address.TrimEnd('/'));
            return site;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}

public sealed class ImportingAttachmentFilesOnSqlite(SqliteApp app) : ImportingAttachmentFiles(app), IClassFixture<SqliteApp>;

public sealed class ImportingAttachmentFilesOnPostgreSql(PostgreSqlApp app) : ImportingAttachmentFiles(app), IClassFixture<PostgreSqlApp>;
