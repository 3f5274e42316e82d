using System.Net;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Features.Mail;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Comments;

/// <summary>An app whose mail goes to an SMTP sink the test controls.</summary>
public sealed class MailingApp : GazetteApp
{
    public MailingApp()
    {
        // Reserve a port, then free it: the sink starts on it only when a test wants the server up.
        SmtpPort = TestTools.FreePort();
    }

    public int SmtpPort { get; }

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:Mail:Host", "127.0.0.1");
        builder.UseSetting("Gazette:Mail:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Gazette:Site:Url", "https://news.example.org");
    }
}

public sealed partial class MailDeliveryTests(MailingApp app) : IClassFixture<MailingApp>
{
    [Fact]
    public async Task QueuesAnEmailForModeratorsAndDeliversItOnceTheServerIsBack()
    {
        var moderator = app.CreateBrowser();
        var moderatorName = await app.SignInAsAdministratorAsync(moderator);
        var article = await app.CreateArticleAsync(a => a.Title = "Harbour wall vote");
        var url = GazetteApp.UrlOf(article);
        var text = "Will the wall be finished before winter? " + app.Unique("q");

        await app.CreateBrowser().PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Hanne",
            ["Form.Email"] = app.Unique("hanne") + "@example.org",
            ["Form.Text"] = text,
        });

        var queued = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == moderatorName + "@example.org"));
        Assert.Equal("Comment awaiting moderation: Harbour wall vote", queued.Subject);
        Assert.Contains(text, queued.Body, StringComparison.Ordinal);
        Assert.Contains("https://news.example.org/admin/comments", queued.Body, StringComparison.Ordinal);

        // The SMTP server is down: nothing is lost, the message waits and is retried later.
        var sender = app.Services.GetRequiredService<OutboxSender>();
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        var waiting = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Id == queued.Id));
        Assert.Null(waiting.SentAt);
        Assert.True(waiting.Attempts >= 1);
        Assert.NotNull(waiting.LastError);
        Assert.True(waiting.NextAttemptAt > DateTime.UtcNow);

        // The server is back and the retry is due.
        await using var sink = new SmtpSink(app.SmtpPort);
        await app.WithDbAsync(db => db.Outbox.Where(m => m.Id == queued.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1))));
        // The app's own background sender may get there first; either way the message goes out once.
        await sender.SendDueAsync(CancellationToken.None);

        var sent = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Id == queued.Id));
        Assert.NotNull(sent.SentAt);
        var delivered = Assert.Single(sink.Messages, m => (m.TextBody ?? "").Contains(text, StringComparison.Ordinal));
        Assert.Equal("Comment awaiting moderation: Harbour wall vote", delivered.Subject);
        Assert.Equal(moderatorName + "@example.org", Assert.Single(delivered.To.Mailboxes).Address);
    }

    [Fact]
    public async Task ReplyNotificationsArriveWithOneClickUnsubscribeHeaders()
    {
        await using var sink = new SmtpSink(app.SmtpPort);
        var sender = app.Services.GetRequiredService<OutboxSender>();
        var article = await app.CreateArticleAsync(a => a.Title = "Ferry timetable");
        var url = GazetteApp.UrlOf(article);
        var asker = app.Unique("asker") + "@example.org";
        await app.CreateBrowser().PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Asker", ["Form.Email"] = asker, ["Form.Text"] = "Does the late boat run on Sundays?",
            ["Form.NotifyReplies"] = "true",
        });
        await sender.SendDueAsync(CancellationToken.None);
        var confirmation = Assert.Single(sink.Messages, m => m.To.Mailboxes.Any(b => b.Address == asker));
        var confirmLink = new Uri(LinkPattern().Match(confirmation.TextBody ?? "").Value);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().PostAsync(
            new Uri(confirmLink.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([]))).StatusCode);

        var question = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.AuthorEmail == asker));
        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);
        await moderator.PostFormAsync("/admin/comments", "/admin/comments", new() { ["act"] = $"Approved:{question.Id}", ["status"] = "Pending" });
        var reply = await app.AddCommentAsync(article, c =>
        {
            c.ParentId = question.Id; c.Status = CommentStatus.Pending; c.AuthorName = "Ferry desk"; c.Text = "Yes, at 22:40.";
        });
        await moderator.PostFormAsync("/admin/comments", "/admin/comments", new() { ["act"] = $"Approved:{reply.Id}", ["status"] = "Pending" });
        await sender.SendDueAsync(CancellationToken.None);

        var notice = Assert.Single(sink.Messages, m => m.To.Mailboxes.Any(b => b.Address == asker) && (m.Subject ?? "").Contains("replied", StringComparison.Ordinal));
        Assert.Contains("Yes, at 22:40.", notice.TextBody ?? "", StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", notice.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = new Uri((notice.Headers["List-Unsubscribe"] ?? "").Trim('<', '>', ' '));
        Assert.Equal("https://news.example.org", unsubscribe.GetLeftPart(UriPartial.Authority));
        var done = await app.CreateBrowser().PostAsync(new Uri(unsubscribe.PathAndQuery, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ReplySubscriptions.AnyAsync(s => s.Email == asker && s.UnsubscribedAt == null)));
    }

    [Fact]
    public async Task SendersRunningAtOnceSendEachMessageOnce()
    {
        var batch = app.Unique("batch");
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 45; i++)
            {
                db.Outbox.Add(new OutboxMessage
                {
                    To = $"reader{i}@example.org", Subject = $"{batch} #{i}", Body = "Hello.",
                    CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow.AddSeconds(-1),
                });
            }
            await db.SaveChangesAsync();
        });
        await using var sink = new SmtpSink(app.SmtpPort);
        var sender = app.Services.GetRequiredService<OutboxSender>();

        // Three at once, as three instances of the site would (the app's own background sender may join in).
        async Task DrainAsync()
        {
            while (await sender.SendDueAsync(CancellationToken.None) > 0)
            {
            }
        }
        await Task.WhenAll(DrainAsync(), DrainAsync(), DrainAsync());
        await DrainAsync();

        var received = sink.Messages.Where(m => (m.Subject ?? "").StartsWith(batch + " ", StringComparison.Ordinal)).Select(m => m.Subject).ToList();
        Assert.Equal(45, received.Count);
        Assert.Equal(45, received.Distinct().Count());
        Assert.Equal(45, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Subject.StartsWith(batch) && m.SentAt != null && m.Attempts == 1)));
    }

    private static readonly string[] MixedRecipients = ["first@example.org", "<broken", "third@example.org"];

    [Fact]
    public async Task AMessageThatCannotBeBuiltWaitsOnItsOwnWhileTheOthersGoOut()
    {
        var batch = app.Unique("mixed");
        await app.WithDbAsync(async db =>
        {
            foreach (var to in MixedRecipients)
            {
                db.Outbox.Add(new OutboxMessage
                {
                    To = to, Subject = $"{batch} to {to}", Body = "Hello.", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow.AddSeconds(-1),
                });
            }
            await db.SaveChangesAsync();
        });
        await using var sink = new SmtpSink(app.SmtpPort);
        var sender = app.Services.GetRequiredService<OutboxSender>();

        while (await sender.SendDueAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(2, sink.Messages.Count(m => (m.Subject ?? "").StartsWith(batch + " ", StringComparison.Ordinal)));
        var broken = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Subject == $"{batch} to <broken"));
        Assert.Null(broken.SentAt);
        Assert.Equal(1, broken.Attempts);
        Assert.NotNull(broken.LastError);
        Assert.True(broken.NextAttemptAt > DateTime.UtcNow.AddSeconds(30), "it waits before its next attempt");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
