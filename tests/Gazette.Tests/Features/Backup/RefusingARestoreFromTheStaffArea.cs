using System.IO.Compression;
using System.Net;
using Gazette.Features.Backup;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Backup;

/// <summary>
/// What the staff area refuses, each with a message and the site left exactly as it was (no upload left
/// behind, no safety backup made, the Administrator still signed in): a truncated or altered archive, a
/// form without the confirmation or without its token, and anyone but an Administrator.
/// </summary>
public sealed class RefusingARestoreFromTheStaffArea(SqliteApp app) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-archives-").FullName;

    [Fact]
    public async Task ATruncatedArchiveIsRefusedAtOnceAndChangesNothing()
    {
        var good = await BackupAsync();
        var truncated = Path.Combine(_folder, "truncated.zip");
        var bytes = await File.ReadAllBytesAsync(good);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        await app.CreateArticleAsync();
        var before = await ContentsAsync();

        var response = await RestoreForm.PostAsync(browser, truncated);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = (await response.ReadDocumentAsync()).TextOf("[role=alert]");
        Assert.Contains("The archive is damaged or incomplete", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
        await AssertUnchangedAsync(before, browser);
    }

    [Fact]
    public async Task AnAlteredArchiveIsRefusedWhenCheckedAndChangesNothing()
    {
        var altered = await BackupAsync();
        await using (var zip = await ZipArchive.CreateAsync(File.Open(altered, FileMode.Open), ZipArchiveMode.Update, leaveOpen: false, entryNameEncoding: null))
        {
            var entry = zip.GetEntry("media/2026/12/harbour.jpg")!;
            byte[] content;
            await using (var stream = await entry.OpenAsync())
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy);
                content = copy.ToArray();
            }
            content[1000] ^= 0x01;
            entry.Delete();
            await using var rewritten = await zip.CreateEntry(entry.FullName).OpenAsync();
            await rewritten.WriteAsync(content);
        }
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        await app.CreateArticleAsync();
        var before = await ContentsAsync();

        // Its manifest reads well: the request queues it, and the check of every entry refuses it.
        Assert.Equal(HttpStatusCode.Redirect, (await RestoreForm.PostAsync(browser, altered)).StatusCode);
        var (outcome, _) = await RestoreForm.FollowAsync(browser);

        var message = outcome.TextOf("[role=alert]");
        Assert.Contains("\"media/2026/12/harbour.jpg\" in the archive is not what was backed up", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
        await AssertUnchangedAsync(before, browser);
        var onTheBackupPage = (await browser.GetDocumentAsync("/admin/backup")).TextOf("#restore-heading + [role=alert]");
        Assert.Contains("did not succeed", onTheBackupPage, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", onTheBackupPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheConfirmationNothingIsChanged()
    {
        var good = await BackupAsync();
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        await app.CreateArticleAsync();
        var before = await ContentsAsync();

        var response = await RestoreForm.PostAsync(browser, good, confirm: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadDocumentAsync()).TextOf("[role=alert]");
        Assert.Contains("tick \"Replace everything on this site with the backup\" to confirm", message, StringComparison.Ordinal);
        await AssertUnchangedAsync(before, browser);
    }

    [Fact]
    public async Task WithoutTheFormsTokenNothingIsReceived()
    {
        var good = await BackupAsync();
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var before = await ContentsAsync();

        var response = await RestoreForm.PostAsync(browser, good, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form's token is missing", (await response.ReadDocumentAsync()).TextOf("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await RestoreForm.PostWithoutPageAsync(browser, good, token: "forged")).StatusCode);
        await AssertUnchangedAsync(before, browser);
    }

    [Fact]
    public async Task OnlyAnAdministratorMayRestoreOrSeeARestore()
    {
        var good = await BackupAsync();
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var anonymous = app.CreateBrowser();
        var before = await ContentsAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await RestoreForm.PostWithoutPageAsync(editor, good, token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(new Uri("/admin/restored", UriKind.Relative))).StatusCode);
        var posted = await RestoreForm.PostWithoutPageAsync(anonymous, good, token: null);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/admin/signin", posted.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var restored = await anonymous.GetAsync(new Uri("/admin/restored", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.StartsWith("/admin/signin", restored.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(new Uri("/admin/backup?handler=Archive&name=x.zip", UriKind.Relative))).StatusCode);
        RestoringFromTheStaffArea.AssertSame(before, await ContentsAsync());
    }

    private Task<SiteContents> ContentsAsync() => app.WithDbAsync(db => SiteContents.ReadAsync(db, app.DataDirectory));

    /// <summary>The site as it was, the Administrator still signed in, no archive left in <c>backups/</c> and no restore running.</summary>
    private async Task AssertUnchangedAsync(SiteContents before, HttpClient administrator)
    {
        RestoringFromTheStaffArea.AssertSame(before, await ContentsAsync());
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync(new Uri("/admin/settings", UriKind.Relative))).StatusCode);
        var kept = Path.Combine(app.DataDirectory, "backups");
        // Archives only: the last job's state (job.json) is kept there too.
        Assert.Empty(Directory.Exists(kept) ? Directory.GetFiles(kept, "*.zip*") : []);
        Assert.Empty(Directory.GetDirectories(app.DataDirectory, ".restore-*"));
        Assert.False(app.Services.GetRequiredService<BackupJobFile>().Current is { Finished: false });
    }

    private Task<string> BackupAsync() => Backups.MakeWithAPictureAsync(app, _folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
