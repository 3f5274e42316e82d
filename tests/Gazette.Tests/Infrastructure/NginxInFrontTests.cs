using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gazette.Tests.Features.WordPress;
using Xunit.Abstractions;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Two app processes behind a real nginx with deploy/nginx-gazette-proxy.conf, round robin (see
/// <see cref="NginxInFront"/>): whichever instance answers, a reader and a member of staff see one site.
/// "Served by A" means sent straight to A's port; everything else goes through nginx.
/// </summary>
public sealed class NginxInFrontTests(NginxInFront site, ITestOutputHelper output) : IClassFixture<NginxInFront>
{
    [Fact]
    public async Task ASignInThroughNginxWorksOnBothInstances()
    {
        var cookies = new CookieContainer();
        using var throughNginx = NginxInFront.Browser(site.Nginx.Address, cookies);
        await site.SignInAsync(throughNginx);
        // Only the cookies nginx's answers set, sent by hand to each instance.
        var session = cookies.GetCookieHeader(site.Nginx.Address);

        foreach (var instance in new[] { site.A, site.B })
        {
            using var direct = NginxInFront.Browser(instance.Address);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
            request.Headers.Add("Cookie", session);
            using var newsroom = await direct.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, newsroom.StatusCode);

            using var stranger = await direct.GetAsync(new Uri("/admin", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode); // without the cookie: to the sign-in page
        }
    }

    [Fact]
    public async Task ACommentApprovedOnBShowsOnTheVeryNextReaderRequestToA()
    {
        using var reader = NginxInFront.Browser(site.Nginx.Address);
        var article = await NginxInFront.DemoArticleAsync(reader);
        var text = "Posted through nginx, approved on B. " + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Redirect,
            await NginxInFront.PostCommentAsync(reader, reader, article, $"{Guid.NewGuid():N}@example.org", text));
        // A stores the page without the pending comment, and serves it again from the cache.
        using var onA = NginxInFront.Browser(site.A.Address);
        Assert.DoesNotContain(text, await onA.GetStringAsync(new Uri(article.ArticleUrl, UriKind.Relative)), StringComparison.Ordinal);
        using (var cached = await onA.GetAsync(new Uri(article.ArticleUrl, UriKind.Relative)))
        {
            Assert.True(cached.Headers.Age is not null, "A's second answer comes from the cache");
        }

        var cookies = new CookieContainer();
        using var moderatorOnB = NginxInFront.Browser(site.B.Address, cookies);
        await site.SignInAsync(moderatorOnB);
        var id = await site.QueryAsync("SELECT \"Id\" FROM \"Comments\" WHERE \"Text\" = @text", async r =>
        {
            Assert.True(await r.ReadAsync(), "the comment is stored");
            return r.GetInt32(0);
        }, ("text", text));
        var approved = await moderatorOnB.PostFormAsync("/admin/comments", "/admin/comments", new()
        {
            ["act"] = $"Approved:{id}", ["status"] = "Pending",
        });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        Assert.Contains(text, await onA.GetStringAsync(new Uri(article.ArticleUrl, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommentFormTokenMadeOnAPostsOnB()
    {
        using var onA = NginxInFront.Browser(site.A.Address);
        using var onB = NginxInFront.Browser(site.B.Address);
        var article = await NginxInFront.DemoArticleAsync(onA);
        var text = "Token from A, posted on B. " + Guid.NewGuid().ToString("N");

        Assert.Equal(HttpStatusCode.Redirect, await NginxInFront.PostCommentAsync(onA, onB, article, $"{Guid.NewGuid():N}@example.org", text));

        Assert.Contains(text, await site.CommentTextsAsync());
    }

    [Fact]
    public async Task AnEmailQueuedByEitherInstanceIsSentExactlyOnce()
    {
        // Each comment asks to be told of replies: its confirmation email is queued by the instance that took it.
        using var onA = NginxInFront.Browser(site.A.Address);
        using var onB = NginxInFront.Browser(site.B.Address);
        var article = await NginxInFront.DemoArticleAsync(onA);
        var emails = new List<string>();
        // Ten, a second each at the mail server: one sender's round outlasts the other's tick (10 s apart).
        for (var i = 0; i < 10; i++)
        {
            var instance = i % 2 == 0 ? onA : onB;
            var email = $"{Guid.NewGuid():N}@example.org";
            emails.Add(email);
            Assert.Equal(HttpStatusCode.Redirect,
                await NginxInFront.PostCommentAsync(instance, instance, article, email,
                    $"Does the late boat run on Sundays too, from pier {i}? Asking for {email[..6]}.", notifyReplies: true));
        }
        Assert.Equal(emails.Count, await CountOutboxAsync(emails, sentOnly: false));

        // Both instances' senders run every few seconds; wait until the outbox says all were sent.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await CountOutboxAsync(emails, sentOnly: true) < emails.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Equal(emails.Count, await CountOutboxAsync(emails, sentOnly: true));
        // A second sending would be under way by now: give it the time to arrive.
        await Task.Delay(TimeSpan.FromSeconds(3));

        foreach (var email in emails)
        {
            Assert.Single(site.Mail.Messages, m => m.To.Mailboxes.Any(b => b.Address == email));
        }
    }

    [Fact]
    public async Task AnImportStartedOnAShowsItsProgressOnB()
    {
        var cookies = new CookieContainer();
        using var throughNginx = NginxInFront.Browser(site.Nginx.Address, cookies);
        await site.SignInAsync(throughNginx);
        using var onA = NginxInFront.Browser(site.A.Address, cookies);
        using var onB = NginxInFront.Browser(site.B.Address, cookies);
        var export = await WordPressFixtures.BeaconAtAsync($"https://queued-{Guid.NewGuid():N}.example.net");
        var png = Features.Media.TestImages.Draw("png", 320, 200);

        HttpResponseMessage started;
        try
        {
            started = await onA.PostImportAsync(export, WordPressFixtures.ZipOf(("wp-content/uploads/2015/03/beacon.png", png)));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(export)!, recursive: true);
        }

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var report = await onB.WaitForTheImportReportAsync();
        Assert.Equal("The import finished.", report.QuerySelector(".notice[role=status]")?.TextContent.Trim());
    }

    [Fact]
    public async Task KillingAnInstanceUnderLoadLosesNoAcknowledgedComment()
    {
        using var probe = NginxInFront.Browser(site.Nginx.Address);
        var article = await NginxInFront.DemoArticleAsync(probe);
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.MaxValue;
        // Each acknowledged comment with the moment its post was sent: one sent after the kill was taken by A.
        var acknowledged = new ConcurrentBag<(string Text, TimeSpan SentAt)>();
        // What the readers got instead of an acknowledgement (a 502 when the instance died with the post).
        var unacknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        // Bounded load: four readers posting through nginx, at most 400 comments in all.
        var posted = 0;
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(async () =>
        {
            using var browser = NginxInFront.Browser(site.Nginx.Address);
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref posted) <= 400)
            {
                var text = $"Reader {reader} under load: {Guid.NewGuid():N}";
                var sentAt = clock.Elapsed;
                try
                {
                    var status = await NginxInFront.PostCommentAsync(browser, browser, article, $"load{reader}@example.org", text);
                    if (status == HttpStatusCode.Redirect)
                    {
                        acknowledged.Add((text, sentAt));
                    }
                    else
                    {
                        unacknowledged.Add(((int)status).ToString(CultureInfo.InvariantCulture));
                    }
                }
                catch (HttpRequestException e)
                {
                    unacknowledged.Add(e.Message);
                }
            }
        })).ToList();

        try
        {
            // Killed once the load is under way (some comments in), leaving most of the 400 for after.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (acknowledged.Count < 40 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
            await site.B.KillAsync();
            killedAt = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
            // The other tests of the class share B.
            await site.B.RestartAsync();
        }

        output.WriteLine($"B killed at {killedAt.TotalSeconds:0.0} s; acknowledged {acknowledged.Count(a => a.SentAt < killedAt)} before, "
            + $"{acknowledged.Count(a => a.SentAt > killedAt)} after; not acknowledged: {string.Join(", ", unacknowledged.CountBy(u => u))}");
        Assert.Contains(acknowledged, a => a.SentAt < killedAt);
        Assert.True(acknowledged.Any(a => a.SentAt > killedAt),
            $"nginx sent the comments after the kill to A; not acknowledged: {string.Join(", ", unacknowledged.CountBy(u => u))}\n{site.Nginx.ErrorLog}");
        var stored = await site.CommentTextsAsync();
        var lost = acknowledged.Where(a => !stored.Contains(a.Text)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged comments are not stored, e.g. \"{lost.FirstOrDefault().Text}\"");
    }

    private Task<int> CountOutboxAsync(List<string> emails, bool sentOnly) => site.QueryAsync(
        "SELECT COUNT(*) FROM \"Outbox\" WHERE \"To\" = ANY(@emails)" + (sentOnly ? " AND \"SentAt\" IS NOT NULL" : ""),
        async r =>
        {
            await r.ReadAsync();
            return (int)r.GetInt64(0);
        },
        ("emails", emails.ToArray()));
}
