using System.Net;
using Gazette.Data;
using Gazette.Features.Backup;
using Gazette.Features.Settings;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gazette.Tests.Features.WordPress;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Two instances of the site on one PostgreSQL database and one Redis (which ./test.sh starts), as
/// behind a load balancer: what one instance changes, a reader of the other sees on their next request.
/// </summary>
public sealed class SeveralInstancesTests
{
    [Fact]
    public async Task ACommentApprovedOnOneInstanceShowsAtOnceOnTheOthersCachedPage()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database);
        var reader = first.CreateBrowser();
        using var second = new InstanceApp(database);
        var article = await first.CreateArticleAsync(a => a.Title = "Two servers, one page");
        var url = GazetteApp.UrlOf(article);
        var text = "Seen through the first server. " + first.Unique("c");
        await reader.PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Ragna", ["Form.Email"] = first.Unique("ragna") + "@example.org", ["Form.Text"] = text,
        });
        // The page is now stored, without the pending comment, for every reader of either instance.
        var stranger = first.CreateBrowser();
        Assert.DoesNotContain(text, await stranger.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);
        var cached = await stranger.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(cached.Headers.Age is not null, "the second request is served from the cache");

        var moderator = second.CreateBrowser();
        await second.SignInAsAdministratorAsync(moderator);
        var comment = await second.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Text == text));
        var approved = await moderator.PostFormAsync("/admin/comments", "/admin/comments",
            new() { ["act"] = $"Approved:{comment.Id}", ["status"] = "Pending" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        Assert.Contains(text, await stranger.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEvictionOnOneInstanceRenewsWhatTheOtherKeepsBesideTheCache()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database);
        first.CreateBrowser();
        using var second = new InstanceApp(database);
        second.CreateBrowser();
        var kept = first.Services.GetRequiredService<PageCacheInvalidation>();
        var before = kept.ListsVersion;

        await second.Services.GetRequiredService<PageCacheInvalidation>().EvictAsync(CancellationToken.None, CacheTags.Home);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (kept.ListsVersion == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(kept.ListsVersion > before, "the first instance heard of the second's eviction");
    }

    [Fact]
    public async Task WithRedisAwayTheSiteStillServesAndIsNotReady()
    {
        using var app = new RedisAwayApp();
        var reader = app.CreateBrowser();

        var page = await reader.GetAsync(new Uri(await app.DemoArticleUrlAsync(), UriKind.Relative));
        var again = await reader.GetAsync(new Uri(await app.DemoArticleUrlAsync(), UriKind.Relative));
        var ready = await reader.GetAsync(new Uri(HealthChecks.ReadyPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(HealthChecks.AlivePath, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task WithRedisUpTheInstanceIsReady()
    {
        using var app = new InstanceApp("gazette_test_" + Guid.NewGuid().ToString("N")[..12]);

        var ready = await app.CreateBrowser().GetAsync(new Uri(HealthChecks.ReadyPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>Configured for a Redis that is not there (nothing listens on port 1).</summary>
    private sealed class RedisAwayApp : GazetteApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting(SharedEvictions.ConfigurationKey, "127.0.0.1:1,connectTimeout=300,syncTimeout=300,asyncTimeout=300");
        }
    }

    [Fact]
    public async Task TheCommentLimitCountsAcrossInstances()
    {
        // Per email here: the test server has no client address (the per-address limit is the same code).
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database, ("Gazette:Comments:MaxCommentsPerEmail", "3"));
        first.CreateBrowser();
        using var second = new InstanceApp(database, ("Gazette:Comments:MaxCommentsPerEmail", "3"));
        var email = first.Unique("sigrun") + "@example.org";
        var article = await first.CreateArticleAsync(a => a.Title = "Counted once, wherever posted");
        var url = GazetteApp.UrlOf(article);
        async Task<HttpStatusCode> PostAsync(GazetteApp through) => (await through.CreateBrowser().PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Sigrun", ["Form.Email"] = email, ["Form.Text"] = "Another thought. " + first.Unique("t"),
        })).StatusCode;

        Assert.Equal(HttpStatusCode.Redirect, await PostAsync(first));
        Assert.Equal(HttpStatusCode.Redirect, await PostAsync(second));
        Assert.Equal(HttpStatusCode.Redirect, await PostAsync(first));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(second));
    }

    [Fact]
    public async Task GuessesAtAPasswordOnOneInstanceSlowTheNextTryOnTheOther()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database);
        var editor = await first.SignInAsync(first.CreateBrowser(), StaffRoles.Editor);
        using var second = new InstanceApp(database);
        async Task<HttpStatusCode> TryAsync(GazetteApp through, string password) => (await through.CreateBrowser()
            .PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = editor, ["Password"] = password })).StatusCode;

        for (var i = 0; i < Gazette.Features.Staff.SignInThrottle.FreeAttempts; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, await TryAsync(first, "guess-" + i));
        }
        // Five more, as the first instance counts them once each wait has passed: the wait is then half a minute.
        var throttle = first.Services.GetRequiredService<Gazette.Features.Staff.SignInThrottle>();
        for (var i = 0; i < 5; i++)
        {
            await throttle.FailedAsync(null, editor, null);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await TryAsync(second, "another-guess"));
    }

    [Fact]
    public async Task AnImportStartedOnOneInstanceShowsItsReportOnTheOther()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        // One data folder, as instances behind a load balancer share their media (and the import's files).
        var data = Directory.CreateTempSubdirectory("gazette-shared-").FullName;
        using var first = new InstanceApp(database, data);
        var administrator = first.CreateBrowser();
        await first.SignInAsAdministratorAsync(administrator);
        using var second = new InstanceApp(database, data);
        var colleague = second.CreateBrowser();
        await second.SignInAsAdministratorAsync(colleague);
        var site = $"https://queued-{Guid.NewGuid():N}.example.net";
        var png = Features.Media.TestImages.Draw("png", 320, 200);

        var started = await administrator.PostImportAsync(
            await Features.WordPress.WordPressFixtures.BeaconAtAsync(site), Features.WordPress.WordPressFixtures.ZipOf(("wp-content/uploads/2015/03/beacon.png", png)));

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var report = await colleague.WaitForTheImportReportAsync();
        Assert.Contains("The import finished.", report.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The import finished.", (await administrator.WaitForTheImportReportAsync()).QuerySelector(".notice[role=status]")!.TextContent.Trim());
        Assert.Equal(1, await first.WithDbAsync(db => db.ImportJobs.CountAsync(j => j.State == ImportJobState.Finished)));
    }

    [Fact]
    public async Task TwoInstancesRetrainingAtOnceKeepOneModel()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database);
        first.CreateBrowser();
        using var second = new InstanceApp(database);
        second.CreateBrowser();
        var scorers = new[] { first, second }.Select(a => a.Services.GetRequiredService<Gazette.Features.Spam.SpamScorer>()).ToArray();

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(scorers.Select(s => Task.Run(() => s.RetrainAsync(CancellationToken.None))));
            // Each deletes only models older than its own: the newest stays, whatever the interleaving.
            Assert.Equal(1, await first.WithDbAsync(db => db.SpamModels.CountAsync()));
        }
    }

    [Fact]
    public async Task ARestoreFromABackupOnOneInstanceReachesTheOthersCacheAndSettings()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database);
        first.CreateBrowser();
        using var second = new InstanceApp(database);
        var reader = second.CreateBrowser();
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        try
        {
            await Features.Backup.Backups.MakeAsync(first, archive);
            var backedUp = (await reader.GetDocumentAsync("/")).TextOf(".tagline");
            // One save after the backup, which the second instance reads: it holds the version the backup's plus one.
            await first.Services.GetRequiredService<SiteSettingsStore>().SaveAsync(
                new Dictionary<string, string> { ["Gazette:Site:Tagline"] = "Saved after the backup" }, [], CancellationToken.None);
            var secondsSettings = second.Services.GetRequiredService<SiteSettingsStore>();
            Assert.True(await secondsSettings.RefreshAsync(CancellationToken.None));
            Assert.Equal("Saved after the backup", (await reader.GetDocumentAsync("/")).TextOf(".tagline"));
            var article = await first.CreateArticleAsync();
            var url = GazetteApp.UrlOf(article);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);

            await using (var scope = first.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<RestoreBackup>().ExecuteAsync(
                    archive, RestoreInto.ReplaceSite, null, null, CancellationToken.None);
            }

            // The page the second instance had stored is evicted through Redis, and its next settings check reads the backup's.
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
            Assert.True(await secondsSettings.RefreshAsync(CancellationToken.None));
            Assert.Equal(backedUp, (await reader.GetDocumentAsync("/")).TextOf(".tagline"));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task ARestoreFromABackupOnOneInstanceEndsTheSessionsOfTheOther()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database);
        first.CreateBrowser();
        using var second = new InstanceApp(database);
        var staff = second.CreateBrowser();
        var administrator = await second.SignInAsAdministratorAsync(staff);
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        try
        {
            // A backup of this very site: the account, its security stamp and the key its cookie was made with are all in it.
            await using (var scope = first.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<CreateBackup>().ExecuteAsync(archive, null, CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<RestoreBackup>().ExecuteAsync(
                    archive, RestoreInto.ReplaceSite, null, null, CancellationToken.None);
            }

            // What the second instance's refresher does within half a minute.
            await second.Services.GetRequiredService<SessionCutoff>().RefreshAsync(CancellationToken.None);

            var response = await staff.GetAsync(new Uri("/admin/settings", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/signin", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            var again = second.CreateBrowser();
            var signIn = await again.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = administrator, ["Password"] = "correct-horse-Battery-9" });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/admin/settings", UriKind.Relative))).StatusCode);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task ABackupStartedOnOneInstanceShowsItsProgressAndDownloadOnTheOther()
    {
        using var instances = await TwoInstancesAsync();
        await instances.First.CreateArticleAsync();

        var started = await instances.ThroughFirst.PostFormAsync("/admin/backup", "/admin/backup", []);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        // The page's refresh lands on the other instance: it shows the backup running, then ready.
        var page = await WaitForTheBackupAsync(instances.ThroughSecond);
        Assert.Contains($"The backup started by {instances.Administrator} at", page.TextOf(".notice[role=status]"), StringComparison.Ordinal);
        var link = page.QuerySelector("a[href*='handler=Download']")!;
        var download = await instances.ThroughSecond.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"gazette-download-{Guid.NewGuid():N}.zip");
        try
        {
            await File.WriteAllBytesAsync(path, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("PostgreSql", (await BackupArchiveReader.VerifyAsync(path, CancellationToken.None)).Provider);
            Assert.Equal("Download " + Path.GetFileName(download.Content.Headers.ContentDisposition?.FileName?.Trim('"')), link.TextContent.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WhileABackupRunsOnOneInstanceNeitherStartsAnotherJob()
    {
        using var instances = await TwoInstancesAsync();
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        await Features.Backup.Backups.MakeAsync(instances.First, archive);
        try
        {
            // A slow database, as a busy one is: the backup's first read waits until this transaction ends.
            await using var scope = instances.First.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            var holding = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"__EFMigrationsHistory\" IN ACCESS EXCLUSIVE MODE");
            try
            {
                // Both at once, as two Administrators behind the load balancer: one backup starts, the other is refused.
                var both = await Task.WhenAll(
                    instances.ThroughFirst.PostFormAsync("/admin/backup", "/admin/backup", []),
                    instances.ThroughSecond.PostFormAsync("/admin/backup", "/admin/backup", []));
                Assert.Equal(new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }, both.Select(r => r.StatusCode).Order());
                var refused = both.Single(r => r.StatusCode == HttpStatusCode.Conflict);
                Assert.Contains("A backup or a restore is running already", (await refused.ReadDocumentAsync()).TextOf("[role=alert]"), StringComparison.Ordinal);

                foreach (var browser in new[] { instances.ThroughFirst, instances.ThroughSecond })
                {
                    var again = await browser.PostFormAsync("/admin/backup", "/admin/backup", []);
                    Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
                    var restore = await Features.Backup.RestoreForm.PostAsync(browser, archive);
                    Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
                    Assert.Contains("A backup, a restore or a WordPress import is running", (await restore.ReadDocumentAsync()).TextOf("[role=alert]"), StringComparison.Ordinal);
                    Assert.NotNull((await browser.GetDocumentAsync("/admin/backup")).QuerySelector("progress"));
                }
            }
            finally
            {
                await holding.DisposeAsync();
            }

            await WaitForTheBackupAsync(instances.ThroughSecond);
            // Finished, it frees the lock for either instance.
            Assert.Equal(HttpStatusCode.Redirect, (await instances.ThroughSecond.PostFormAsync("/admin/backup", "/admin/backup", [])).StatusCode);
            await WaitForTheBackupAsync(instances.ThroughFirst);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task ARestoreStartedOnOneInstanceIsFollowedOnTheOther()
    {
        using var instances = await TwoInstancesAsync();
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        await Features.Backup.Backups.MakeAsync(instances.First, archive);
        try
        {
            var later = await instances.First.CreateArticleAsync();

            var started = await Features.Backup.RestoreForm.PostAsync(instances.ThroughFirst, archive);

            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            Assert.Equal("/admin/restored", started.Headers.Location?.OriginalString);
            // The ticket cookie set by the first instance, presented to the second.
            var (outcome, _) = await Features.Backup.RestoreForm.FollowAsync(instances.ThroughSecond);
            Assert.Contains("The site was restored", outcome.TextOf("[role=status]"), StringComparison.Ordinal);
            Assert.Contains("Sign in with an account from the backup", outcome.Body!.TextContent, StringComparison.Ordinal);
            Assert.Equal(0, await instances.Second.WithDbAsync(db => db.Articles.CountAsync(a => a.Id == later.Id)));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task AJobLeftByAStoppedInstanceShowsAsFailedAndANewOneStarts()
    {
        using var instances = await TwoInstancesAsync();
        await LeaveAJobOfAStoppedInstanceAsync(instances.First.DataDirectory, BackupJobKind.Backup);

        var page = await instances.ThroughSecond.GetDocumentAsync("/admin/backup");

        Assert.Null(page.QuerySelector("progress"));
        Assert.Contains("the instance running it stopped", page.TextOf("#backup-heading ~ [role=alert]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await instances.ThroughSecond.PostFormAsync("/admin/backup", "/admin/backup", [])).StatusCode);
        page = await WaitForTheBackupAsync(instances.ThroughFirst);
        Assert.Contains($"The backup started by {instances.Administrator} at", page.TextOf(".notice[role=status]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARestoreLeftByAStoppedInstanceShowsAsFailedOnTheRestorePage()
    {
        using var instances = await TwoInstancesAsync();
        await LeaveAJobOfAStoppedInstanceAsync(instances.First.DataDirectory, BackupJobKind.Restore);

        var page = await instances.ThroughSecond.GetDocumentAsync("/admin/restored");

        Assert.Null(page.QuerySelector("progress"));
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Contains("The restore did not finish: the instance running it stopped", page.TextOf("[role=alert]"), StringComparison.Ordinal);
    }

    /// <summary>What an instance killed mid-job leaves in the shared folder: its lock, its last state, no heartbeat for five minutes.</summary>
    private static Task LeaveAJobOfAStoppedInstanceAsync(string dataDirectory, BackupJobKind kind) =>
        Features.Backup.Backups.LeaveAJobAsync(dataDirectory, kind, DateTime.UtcNow.AddMinutes(-5));

    /// <summary>Two instances on one database and one data folder, and one Administrator's browser whose requests land on either.</summary>
    private static async Task<Instances> TwoInstancesAsync()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        var data = Directory.CreateTempSubdirectory("gazette-shared-").FullName;
        var first = new InstanceApp(database, data);
        var jar = new CookieContainer();
        var throughFirst = first.CreateBrowser(jar);
        var administrator = await first.SignInAsAdministratorAsync(throughFirst);
        var second = new InstanceApp(database, data);
        return new Instances(first, second, throughFirst, second.CreateBrowser(jar), administrator);
    }

    private sealed record Instances(InstanceApp First, InstanceApp Second, HttpClient ThroughFirst, HttpClient ThroughSecond, string Administrator) : IDisposable
    {
        public void Dispose()
        {
            Second.Dispose();
            First.Dispose();
        }
    }

    /// <summary>Reads the Backup page as its refresh would until the backup is ready; meanwhile it shows its progress.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> WaitForTheBackupAsync(HttpClient browser)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await browser.GetDocumentAsync("/admin/backup");
            if (page.QuerySelector("a[href*='handler=Download']") is not null)
            {
                return page;
            }
            Assert.NotNull(page.QuerySelector("progress"));
            Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
            Assert.True(DateTime.UtcNow < deadline, "The backup was not ready in time; last seen: " + page.TextOf("#backup-heading ~ [role=status]"));
            await Task.Delay(100);
        }
    }

    private sealed class InstanceApp(string database, string? dataDirectory, params (string Key, string Value)[] settings) : GazetteApp(dataDirectory)
    {
        public InstanceApp(string database, params (string Key, string Value)[] settings) : this(database, null, settings)
        {
        }

        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting("ConnectionStrings:Gazette", $"{Environment.GetEnvironmentVariable(PostgreSqlApp.Variable)};Database={database}");
            var redis = Environment.GetEnvironmentVariable("GAZETTE_TEST_REDIS");
            Assert.False(string.IsNullOrEmpty(redis), "GAZETTE_TEST_REDIS is not set: run ./test.sh, which starts a Redis for the tests.");
            builder.UseSetting(SharedEvictions.ConfigurationKey, redis);
        }
    }
}
