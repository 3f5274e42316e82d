using System.Net;
using System.Security.Cryptography;
using Gazette.Data;
using Gazette.Features.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.Backup;

/// <summary>
/// A backup taken while readers keep commenting over HTTP, restored with the real <c>restore</c> verb
/// into a new data folder and database, brings back the same site: articles, comment threads and their
/// states, media bytes, settings, staff who can sign in, and the keys their sign-in cookies depend on.
/// </summary>
public abstract class BackingUpAndRestoringASite
{
    private const string Password = "correct-horse-Battery-9";

    protected abstract GazetteApp NewSite();

    /// <summary>A new, empty place to restore into: the environment the verb runs with, and how to start the site on it.</summary>
    protected abstract (IReadOnlyDictionary<string, string> Environment, Func<GazetteApp> Open) NewTarget();

    [Fact]
    public async Task ABackupTakenWhileCommentsArriveBringsTheSiteBackIntoAnEmptyOne()
    {
        using var source = NewSite();
        var jar = new CookieContainer();
        var staff = source.CreateBrowser(jar);
        var administrator = await source.SignInAsAdministratorAsync(staff);
        var article = await source.CreateArticleAsync();
        var thread = await source.AddCommentAsync(article, c => c.Status = CommentStatus.Approved);
        await source.AddCommentAsync(article, c => { c.ParentId = thread.Id; c.Status = CommentStatus.Pending; });
        await source.AddCommentAsync(article, c => { c.ParentId = thread.Id; c.Status = CommentStatus.Spam; });
        await source.AddCommentAsync(article, c => c.Status = CommentStatus.Trash);
        await source.WithDbAsync(async db =>
        {
            db.SiteSettings.Add(new SiteSetting { Key = "Gazette:Site:Tagline", Value = "Brought back, every word" });
            await db.SaveChangesAsync();
        });
        var image = Path.Combine(source.DataDirectory, "media", "2026", "12", "harbour.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(300_000));

        var url = GazetteApp.UrlOf(article);
        var posted = 0;
        using var stop = new CancellationTokenSource();
        var readers = Task.Run(async () =>
        {
            var reader = source.CreateBrowser();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var response = await reader.PostFormAsync(url, url, new()
                {
                    ["Form.Name"] = "Reader " + i,
                    ["Form.Email"] = $"reader{i}@example.org",
                    ["Form.Text"] = $"Comment number {i}, posted while the backup runs.",
                });
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Interlocked.Increment(ref posted);
            }
        });
        await WaitForAsync(() => Volatile.Read(ref posted) >= 3);
        var commentsBefore = await source.WithDbAsync(db => db.Comments.CountAsync());
        var archive = Path.Combine(Path.GetTempPath(), $"gazette-backup-{Guid.NewGuid():N}.zip");
        await Backups.MakeAsync(source, archive);
        var postedAtEnd = Volatile.Read(ref posted);
        await WaitForAsync(() => Volatile.Read(ref posted) >= postedAtEnd + 2);
        await stop.CancelAsync();
        await readers;
        var backedUp = await source.WithDbAsync(db => SiteContents.ReadAsync(db, source.DataDirectory));

        try
        {
            var (environment, open) = NewTarget();
            var restore = await GazetteVerb.RunAsync(environment, "restore", archive);
            Assert.True(restore.ExitCode == 0, $"exit {restore.ExitCode}\n{restore.Output}\n{restore.Errors}");
            Assert.Contains("Restored the backup", restore.Output, StringComparison.Ordinal);

            using var restored = open();
            var back = await restored.WithDbAsync(db => SiteContents.ReadAsync(db, restored.DataDirectory));
            Assert.Equal(backedUp.Articles, back.Articles);
            Assert.Equal(backedUp.Settings, back.Settings);
            Assert.Equal(backedUp.Staff, back.Staff);
            Assert.Equal(backedUp.Media.Keys.Order(), back.Media.Keys.Order());
            Assert.All(back.Media, file => Assert.Equal(backedUp.Media[file.Key], file.Value));
            // One moment of the site: every comment there was when the backup began, none changed, none made up.
            Assert.InRange(back.Comments.Count, commentsBefore, backedUp.Comments.Count - 2);
            Assert.All(back.Comments, comment => Assert.Equal(backedUp.Comments[comment.Key], comment.Value));

            // The keys came along: the sign-in cookie from the old site still works, and staff sign in afresh.
            Assert.Equal(HttpStatusCode.OK, (await restored.CreateBrowser(jar).GetAsync(new Uri("/admin/settings", UriKind.Relative))).StatusCode);
            var browser = restored.CreateBrowser();
            var signIn = await browser.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = administrator, ["Password"] = Password });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/admin/settings", UriKind.Relative))).StatusCode);
            // New rows carry on after the highest id restored.
            var reply = await restored.CreateBrowser().PostFormAsync(url, url, new()
            {
                ["Form.Name"] = "Late reader",
                ["Form.Email"] = "late@example.org",
                ["Form.Text"] = "Still here after the move.",
            });
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
            Assert.True(await restored.WithDbAsync(db => db.Comments.AnyAsync(c => c.Text.Contains("after the move") && c.Id > back.Comments.Keys.Max())));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for comments to be posted.");
            await Task.Delay(20);
        }
    }
}

public sealed class BackingUpAndRestoringASqliteSite : BackingUpAndRestoringASite
{
    protected override GazetteApp NewSite() => new SqliteApp();

    protected override (IReadOnlyDictionary<string, string>, Func<GazetteApp>) NewTarget()
    {
        var data = Directory.CreateTempSubdirectory("gazette-restore-").FullName;
        return (new Dictionary<string, string> { ["Gazette__DataDirectory"] = data }, () => new SqliteApp(data));
    }
}

public sealed class BackingUpAndRestoringAPostgreSqlSite : BackingUpAndRestoringASite
{
    protected override GazetteApp NewSite() => new PostgreSqlApp();

    protected override (IReadOnlyDictionary<string, string>, Func<GazetteApp>) NewTarget()
    {
        var data = Directory.CreateTempSubdirectory("gazette-restore-").FullName;
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        return (new Dictionary<string, string>
        {
            ["Gazette__DataDirectory"] = data,
            ["Gazette__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Gazette"] = PostgreSqlApp.ConnectionStringFor(database),
        }, () => new PostgreSqlApp(database, data));
    }
}
