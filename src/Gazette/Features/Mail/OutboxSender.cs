using Gazette.Data;
using Gazette.Infrastructure;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gazette.Features.Mail;

/// <summary>
/// Sends what the outbox holds through SMTP (MailKit), each message once however many instances run.
/// A message that fails waits longer after each attempt (1, 2, 4 … minutes, at most 6 hours) and is
/// tried again: an outage delays mail, never loses it.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, IOptionsMonitor<MailSettings> settings, TimeProvider clock, GazetteMetrics metrics,
    ILogger<OutboxSender> logger)
    : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a claimed message is held for the instance that claimed it. Should that instance die while
    /// sending, another sends the message once the hold has passed.
    /// </summary>
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Sends the due messages. Each is claimed before it is sent, by an update that only one sender can
    /// make (its due time moves on by <see cref="Hold"/>): however many instances of the site share the
    /// database, a message goes out once. A message that cannot be built or is refused by the server waits
    /// and is retried on its own; when the server cannot be reached, the rest wait for the next round.
    /// </summary>
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
        var due = await db.Outbox.AsNoTracking().Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        using var smtp = new SmtpClient();
        foreach (var message in due)
        {
            var held = clock.GetUtcNow().UtcDateTime + Hold;
            var claimed = await db.Outbox
                .Where(m => m.Id == message.Id && m.SentAt == null && m.NextAttemptAt == message.NextAttemptAt)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, held), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance has it
            }
            // Claimed as read: nothing changes a message's text once it is queued.
            try
            {
                var mime = ToMime(mail, message);
                if (!smtp.IsConnected)
                {
                    await MailTransport.ConnectAsync(smtp, mail, cancellationToken);
                }
                await smtp.SendAsync(mime, cancellationToken);
                var at = clock.GetUtcNow().UtcDateTime;
                await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.SentAt, at)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                sent++;
                metrics.OutboxSent();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RetryLaterAsync(db, message, e);
                metrics.OutboxFailed(IsAboutTheMessage(e));
                if (!IsAboutTheMessage(e))
                {
                    logger.LogWarning(e, "Sending mail through {Host}:{Port} failed; the messages stay in the outbox.", mail.Host, mail.Port);
                    break;
                }
                logger.LogWarning(e, "Outbox message {Id} could not be sent; it is tried again later, on its own.", message.Id);
            }
        }
        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        return sent;
    }

    /// <summary>The message waits longer after each failed attempt: 1, 2, 4 … minutes, at most 6 hours.</summary>
    private async Task RetryLaterAsync(GazetteDbContext db, OutboxMessage message, Exception error)
    {
        var attempts = message.Attempts + 1;
        var wait = TimeSpan.FromMinutes(Math.Pow(2, Math.Min(attempts - 1, 20)));
        var next = clock.GetUtcNow().UtcDateTime + (wait < LongestWait ? wait : LongestWait);
        var text = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, text)
            .SetProperty(m => m.NextAttemptAt, next), CancellationToken.None);
    }

    /// <summary>
    /// A failure of this message alone (an address that does not parse, a recipient the server refuses),
    /// after which the connection still serves the others; anything else is the server's or the network's.
    /// </summary>
    private static bool IsAboutTheMessage(Exception error) => error switch
    {
        ParseException or FormatException => true,
        SmtpCommandException command => command.ErrorCode == SmtpErrorCode.RecipientNotAccepted
            || (command.ErrorCode == SmtpErrorCode.MessageNotAccepted && (int)command.StatusCode >= 500),
        _ => false,
    };

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
