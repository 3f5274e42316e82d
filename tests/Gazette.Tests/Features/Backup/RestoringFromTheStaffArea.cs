using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.Backup;
using Gazette.Features.Settings;
using Gazette.Infrastructure;
using Gazette.Pages.Admin.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Backup;

/// <summary>
/// An Administrator replaces a live site with a backup from <c>/admin/backup</c>, over HTTP with the form's
/// token: the site comes back exactly as backed up (database, media, settings in use, no stale cached page),
/// everyone's session ends, an account from the backup signs in, and the safety backup made first puts the
/// site back as it was before the restore.
/// </summary>
public abstract class RestoringFromTheStaffArea
{
    private const string Password = "correct-horse-Battery-9";

    protected abstract GazetteApp NewSite();

    [Fact]
    public async Task ABackupReplacesALiveSiteAndTheSafetyBackupPutsItBack()
    {
        using var app = NewSite();
        var staffBefore = app.CreateBrowser();
        var fromTheBackup = await app.SignInAsAdministratorAsync(staffBefore);
        var article = await app.CreateArticleAsync();
        var thread = await app.AddCommentAsync(article, c => c.Status = CommentStatus.Approved);
        var reply = await app.AddCommentAsync(article, c => { c.ParentId = thread.Id; c.Status = CommentStatus.Pending; });
        await SetTaglineAsync(app, "Brought back, every word");
        var image = Path.Combine(app.DataDirectory, "media", "2026", "12", "harbour.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(200_000));
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        await Backups.MakeAsync(app, archive);
        var backedUp = await app.WithDbAsync(db => SiteContents.ReadAsync(db, app.DataDirectory));
        try
        {
            // The site moves on after the backup: a new article (read once, so its page is cached), a comment
            // deleted, another tagline in use, a picture replaced and one added, and a new Administrator.
            var later = await app.CreateArticleAsync();
            Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri(GazetteApp.UrlOf(later), UriKind.Relative))).StatusCode);
            await app.WithDbAsync(db => db.Comments.Where(c => c.Id == reply.Id).ExecuteDeleteAsync());
            await SetTaglineAsync(app, "Changed after the backup");
            await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(1_000));
            await File.WriteAllBytesAsync(Path.Combine(app.DataDirectory, "media", "2026", "12", "later.jpg"), RandomNumberGenerator.GetBytes(5_000));
            Assert.Equal("Changed after the backup", (await app.CreateBrowser().GetDocumentAsync("/")).TextOf(".tagline"));
            var restorer = app.CreateBrowser();
            var notInTheBackup = await app.SignInAsAdministratorAsync(restorer);
            var beforeRestore = await app.WithDbAsync(db => SiteContents.ReadAsync(db, app.DataDirectory));

            var started = await RestoreForm.PostAsync(restorer, archive);

            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            Assert.Equal("/admin/restored", started.Headers.Location?.OriginalString);
            var (outcome, stages) = await RestoreForm.FollowAsync(restorer);
            Assert.Contains("The site was restored", outcome.TextOf("[role=status]"), StringComparison.Ordinal);
            Assert.Contains("Sign in with an account from the backup", outcome.Body!.TextContent, StringComparison.Ordinal);
            // A restore takes longer than one request: its page showed how far it had got at least once.
            Assert.NotEmpty(stages);
            Assert.All(stages, stage => Assert.Matches("^(Waiting|Checking|Unpacking|Safety backup: (Database|Media)|Database|Done)", stage));
            AssertSame(backedUp, await app.WithDbAsync(db => SiteContents.ReadAsync(db, app.DataDirectory)));
            // The ticket has served: back on the page, nothing of the restore is shown to a browser now signed out.
            var again = await restorer.GetAsync(new Uri("/admin/restored", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.StartsWith("/admin/signin", again.Headers.Location?.OriginalString, StringComparison.Ordinal);

            // What the running site held of the old one is gone: its cached page, the tagline it had read.
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(GazetteApp.UrlOf(later), UriKind.Relative))).StatusCode);
            Assert.Equal("Brought back, every word", (await app.CreateBrowser().GetDocumentAsync("/")).TextOf(".tagline"));
            // Every session has ended, even one of an account the backup holds; that account signs in afresh.
            await AssertSignedOutAsync(restorer);
            await AssertSignedOutAsync(staffBefore);
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(app.CreateBrowser(), notInTheBackup)).StatusCode);
            var administrator = app.CreateBrowser();
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(administrator, fromTheBackup)).StatusCode);

            // The safety backup is kept, can be downloaded whole, and brings back the site as it was before.
            var page = await administrator.GetDocumentAsync("/admin/backup");
            var safety = page.QuerySelectorAll("a[href*='handler=Archive']").Select(a => a.TextContent.Trim())
                .Single(name => name.StartsWith(StoredBackups.SafetyBackupPrefix, StringComparison.Ordinal));
            var download = await administrator.GetAsync(new Uri(page.QuerySelector($"a[href*='{safety}']")!.GetAttribute("href")!, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            // It holds password hashes and keys: kept by no proxy or browser cache.
            Assert.True(download.Headers.CacheControl?.NoStore, "the download is sent no-store");
            var downloaded = Path.Combine(Path.GetTempPath(), $"gazette-download-{Guid.NewGuid():N}.zip");
            await File.WriteAllBytesAsync(downloaded, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal(app is PostgreSqlApp ? "PostgreSql" : "Sqlite", (await BackupArchiveReader.VerifyAsync(downloaded, CancellationToken.None)).Provider);
            File.Delete(downloaded);

            Assert.Equal(HttpStatusCode.Redirect, (await RestoreForm.PostAsync(administrator, archive: null, source: safety)).StatusCode);
            (outcome, _) = await RestoreForm.FollowAsync(administrator);
            Assert.Contains("The site was restored", outcome.TextOf("[role=status]"), StringComparison.Ordinal);
            AssertSame(beforeRestore, await app.WithDbAsync(db => SiteContents.ReadAsync(db, app.DataDirectory)));
            // The safety backup just restored is kept beside the new one (the site as the backup had it).
            var safetyBackups = Directory.GetFiles(Path.Combine(app.DataDirectory, "backups"), StoredBackups.SafetyBackupPrefix + "*.zip").Select(Path.GetFileName).ToList();
            Assert.Equal(2, safetyBackups.Count);
            Assert.Contains(safety, safetyBackups);
            Assert.Equal("Changed after the backup", (await app.CreateBrowser().GetDocumentAsync("/")).TextOf(".tagline"));
            await AssertSignedOutAsync(administrator);
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.CreateBrowser(), notInTheBackup)).StatusCode);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    /// <summary>The archive's database entry (for SQLite the file, for PostgreSQL one table's copy).</summary>
    protected abstract string DatabaseEntry { get; }

    [Fact]
    public async Task ADatabaseThatFailsToLoadLeavesTheSiteAsItWasMediaIncluded()
    {
        using var app = NewSite();
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        await app.CreateArticleAsync();
        var image = Path.Combine(app.DataDirectory, "media", "2026", "12", "quay.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(20_000));
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        await Backups.MakeAsync(app, archive);
        try
        {
            // Bytes no database can load, listed with their true checksum: every check passes, the load fails.
            await ReplaceListedEntryAsync(archive, DatabaseEntry, RandomNumberGenerator.GetBytes(4096));
            await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(30_000));
            await app.CreateArticleAsync();
            var before = await app.WithDbAsync(db => SiteContents.ReadAsync(db, app.DataDirectory));

            Assert.Equal(HttpStatusCode.Redirect, (await RestoreForm.PostAsync(administrator, archive)).StatusCode);
            var (outcome, _) = await RestoreForm.FollowAsync(administrator);

            var message = outcome.TextOf("[role=alert]");
            Assert.StartsWith("The restore failed: ", message, StringComparison.Ordinal);
            Assert.Contains("the site is as it was", message, StringComparison.Ordinal);
            AssertSame(before, await app.WithDbAsync(db => SiteContents.ReadAsync(db, app.DataDirectory)));
            Assert.Empty(Directory.GetDirectories(app.DataDirectory, ".restore-*"));
            // Nothing was replaced, so no session was ended either.
            Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync(new Uri("/admin/settings", UriKind.Relative))).StatusCode);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static async Task ReplaceListedEntryAsync(string archive, string name, byte[] content)
    {
        await using var zip = await System.IO.Compression.ZipArchive.CreateAsync(
            File.Open(archive, FileMode.Open), System.IO.Compression.ZipArchiveMode.Update, leaveOpen: false, entryNameEncoding: null);
        zip.GetEntry(name)!.Delete();
        await using (var entry = await zip.CreateEntry(name).OpenAsync())
        {
            await entry.WriteAsync(content);
        }
        var listed = zip.GetEntry(BackupManifest.EntryName)!;
        BackupManifest manifest;
        await using (var stream = await listed.OpenAsync())
        {
            manifest = BackupManifest.Read(stream)!;
        }
        listed.Delete();
        var entries = manifest.Entries.Select(e => e.Name == name ? new BackupEntry(name, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length) : e).ToList();
        await using var rewritten = await zip.CreateEntry(BackupManifest.EntryName).OpenAsync();
        await rewritten.WriteAsync((manifest with { Entries = entries }).ToJson());
    }

    internal static void AssertSame(SiteContents expected, SiteContents actual)
    {
        Assert.Equal(expected.Articles, actual.Articles);
        Assert.Equal(expected.Comments.OrderBy(c => c.Key), actual.Comments.OrderBy(c => c.Key));
        Assert.Equal(expected.Settings, actual.Settings);
        Assert.Equal(expected.Staff, actual.Staff);
        Assert.Equal(expected.Media.Keys.Order(), actual.Media.Keys.Order());
        Assert.All(actual.Media, file => Assert.Equal(expected.Media[file.Key], file.Value));
    }

    internal static async Task AssertSignedOutAsync(HttpClient browser)
    {
        var response = await browser.GetAsync(new Uri("/admin/settings", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/signin", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A failed sign-in shows the form again (400); a successful one redirects.</summary>
    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName) =>
        browser.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = Password });

    /// <summary>As an Administrator saves it on the settings page: stored, then applied.</summary>
    private static async Task SetTaglineAsync(GazetteApp app, string tagline)
    {
        await app.WithDbAsync(async db =>
        {
            await db.SiteSettings.Where(s => s.Key == "Gazette:Site:Tagline").ExecuteDeleteAsync();
            db.SiteSettings.Add(new SiteSetting { Key = "Gazette:Site:Tagline", Value = tagline });
            await db.SaveChangesAsync();
        });
        await app.Services.GetRequiredService<SiteSettingsStore>().LoadAsync(CancellationToken.None);
        await app.Services.GetRequiredService<PageCacheInvalidation>().EvictAsync(CancellationToken.None, CacheTags.Site);
    }
}

public sealed class RestoringASqliteSiteFromTheStaffArea : RestoringFromTheStaffArea
{
    protected override GazetteApp NewSite() => new SqliteApp();

    protected override string DatabaseEntry => "database/gazette.db";
}

public sealed class RestoringAPostgreSqlSiteFromTheStaffArea : RestoringFromTheStaffArea
{
    protected override GazetteApp NewSite() => new PostgreSqlApp();

    protected override string DatabaseEntry => "database/Comments.copy";

    [Fact]
    public async Task BackingUpAndRestoringReportEachTableInTurn()
    {
        using var app = NewSite();
        await app.CreateArticleAsync();
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        var written = new List<BackupProgress>();
        var loaded = new List<BackupProgress>();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CreateBackup>().ExecuteAsync(archive, new InlineProgress<BackupProgress>(written.Add), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<RestoreBackup>().ExecuteAsync(
                archive, RestoreInto.ReplaceSite, new InlineProgress<BackupProgress>(loaded.Add), null, CancellationToken.None);
        }
        finally
        {
            File.Delete(archive);
        }

        using var model = app.Services.CreateScope();
        var tables = model.ServiceProvider.GetRequiredService<GazetteDbContext>().Model.GetRelationalModel().Tables.Select(t => t.Name).ToList();
        AssertTableByTable(written, tables.Append("__EFMigrationsHistory").ToList());
        AssertTableByTable(loaded, tables);
        Assert.Contains(loaded, p => p.Describe() == $"Database, table 1 of {tables.Count}: {loaded.First(l => l.Table is not null).Table}");
    }

    private static void AssertTableByTable(List<BackupProgress> reports, List<string> tables)
    {
        var copied = reports.Where(p => p is { Stage: "Database", Table: not null }).ToList();
        Assert.Equal(Enumerable.Range(0, tables.Count), copied.Select(p => p.Done));
        Assert.All(copied, p => Assert.Equal(tables.Count, p.Total));
        Assert.Equal(tables.Order(StringComparer.Ordinal), copied.Select(p => p.Table!).Order(StringComparer.Ordinal));
        Assert.Contains(reports, p => p is { Stage: "Database", Table: null } && p.Done == tables.Count);
    }
}

/// <summary>The restore form as a browser sends it, and the restore page followed until the restore is over.</summary>
internal static class RestoreForm
{
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient browser, string? archive, string source = RestoreModel.Upload, bool confirm = true, bool withToken = true)
    {
        var page = await browser.GetDocumentAsync("/admin/backup");
        var token = page.QuerySelector("form[action='/admin/backup/restore'] input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The Backup page has no restore form");
        return await PostWithoutPageAsync(browser, archive, withToken ? token : null, source, confirm);
    }

    /// <summary>Posts the form's fields in the page's order (its token first) with the archive streamed from its file.</summary>
    public static async Task<HttpResponseMessage> PostWithoutPageAsync(HttpClient browser, string? archive, string? token, string source = RestoreModel.Upload, bool confirm = true)
    {
        using var content = new MultipartFormDataContent();
        if (token is not null)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }
        content.Add(new StringContent(source), "Source");
        if (archive is not null)
        {
            var file = new StreamContent(File.OpenRead(archive));
            file.Headers.ContentType = new("application/zip");
            content.Add(file, "Archive", Path.GetFileName(archive));
        }
        if (confirm)
        {
            content.Add(new StringContent("replace"), "Confirm");
        }
        return await browser.PostAsync(new Uri("/admin/backup/restore", UriKind.Relative), content);
    }

    /// <summary>Reads <c>/admin/restored</c> as its refresh would, until the restore is over; with every stage it showed meanwhile.</summary>
    public static async Task<(IHtmlDocument Outcome, List<string> Stages)> FollowAsync(HttpClient browser)
    {
        var stages = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var page = await browser.GetDocumentAsync("/admin/restored");
            if (page.QuerySelector("progress") is null)
            {
                return (page, stages);
            }
            // While it runs, the page says where it is and reloads itself.
            Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
            stages.Add(page.TextOf(".restore-stage"));
            Assert.True(DateTime.UtcNow < deadline, "The restore did not finish in time; last seen: " + stages[^1]);
            await Task.Delay(50);
        }
    }
}
