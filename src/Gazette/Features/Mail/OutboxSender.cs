using Gazette.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gazette.Features.Mail;

/// <summary>
/// Sends what the outbox holds through SMTP (MailKit). A message that fails waits longer after
/// each attempt (1, 2, 4 … minutes, at most 6 hours) and is tried again: an outage delays mail, never loses it.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, IOptionsMonitor<MailSettings> settings, TimeProvider clock, ILogger<OutboxSender> logger)
    : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    /// <returns>How many messages were sent.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var mail = settings.CurrentValue;
        if (string.IsNullOrWhiteSpace(mail.Host))
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        using var smtp = new SmtpClient();
        try
        {
            await MailTransport.ConnectAsync(smtp, mail, cancellationToken);
            foreach (var message in due)
            {
                await smtp.SendAsync(ToMime(mail, message), cancellationToken);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                message.Attempts++;
                sent++;
                await db.SaveChangesAsync(cancellationToken);
            }
            await smtp.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var message in due.Where(m => m.SentAt is null))
            {
                message.Attempts++;
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                var wait = TimeSpan.FromMinutes(Math.Pow(2, Math.Min(message.Attempts - 1, 20)));
                message.NextAttemptAt = clock.GetUtcNow().UtcDateTime + (wait < LongestWait ? wait : LongestWait);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(e, "Sending mail through {Host}:{Port} failed; the messages stay in the outbox.", mail.Host, mail.Port);
        }
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!MailTransport.IsConfigured(settings.CurrentValue))
        {
            logger.LogWarning(
                "No mail server is set: password resets, invitations and reply notifications wait in the outbox. "
                + "An Administrator sets one at /admin/settings/mail (or Gazette__Mail__Host and the other Gazette__Mail__ settings).");
        }
        using var timer = new PeriodicTimer(Tick, clock);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The outbox could not be read; will try again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static MimeMessage ToMime(MailSettings mail, OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(mail.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mime;
    }
}
