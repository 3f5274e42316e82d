using System.IO.Compression;
using System.Net;
using Gazette.Infrastructure;
using Gazette.Features.Backup;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.Backup;

/// <summary>Administrators make a backup from <c>/admin/backup</c>, watch it being made, and download it; no one else may.</summary>
public sealed class BackingUpFromTheStaffArea(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task AnAdministratorMakesABackupWatchesItAndDownloadsIt()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);

        var started = await browser.PostFormAsync("/admin/backup", "/admin/backup", []);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        AngleSharp.Html.Dom.IHtmlDocument page;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            page = await browser.GetDocumentAsync("/admin/backup");
            if (page.QuerySelector("progress") is not null)
            {
                Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
                await Task.Delay(100);
            }
        }
        while (page.QuerySelector("a[href*='handler=Download']") is null && DateTime.UtcNow < deadline);
        var link = page.QuerySelector("a[href*='handler=Download']")!.GetAttribute("href")!;

        var download = await browser.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), $"gazette-download-{Guid.NewGuid():N}.zip");
        try
        {
            await File.WriteAllBytesAsync(path, await download.Content.ReadAsByteArrayAsync());
            var manifest = await BackupArchiveReader.VerifyAsync(path, CancellationToken.None);
            Assert.Equal("Sqlite", manifest.Provider);
            Assert.Contains(manifest.Entries, e => e.Name == "database/gazette.db");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartingABackupNeedsTheFormsToken()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);

        var response = await browser.PostFormAsync("/admin/backup", "/admin/backup", [], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(StaffRoles.Editor)]
    [InlineData(StaffRoles.Author)]
    public async Task OnlyAdministratorsMayBackUpOrDownload(string role)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, role);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(new Uri("/admin/backup", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(new Uri("/admin/backup?handler=Download", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync(new Uri("/admin/backup", UriKind.Relative), new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task ThereIsNothingToDownloadBeforeABackupIsMade()
    {
        using var fresh = new SqliteApp();
        var browser = fresh.CreateBrowser();
        await fresh.SignInAsAdministratorAsync(browser);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/admin/backup?handler=Download", UriKind.Relative))).StatusCode);
    }
}
