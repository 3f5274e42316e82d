using System.Net;
using System.Net.Sockets;
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
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        SmtpPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
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

public sealed class ModeratorNotificationTests(MailingApp app) : IClassFixture<MailingApp>
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
        Assert.Single(sink.Messages, m => m.Contains(text, StringComparison.Ordinal));
        Assert.Contains(sink.Messages, m => m.Contains("Subject: Comment awaiting moderation: Harbour wall vote", StringComparison.Ordinal));
    }
}
