using Gazette.Data;

namespace Gazette.Features.Mail;

/// <summary>Queues email on the caller's context: it is stored when the caller saves its changes.</summary>
public sealed class Outbox(GazetteDbContext db, TimeProvider clock)
{
    public void Enqueue(string to, string subject, string body, string? unsubscribeUrl = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            To = to, Subject = subject, Body = body, UnsubscribeUrl = unsubscribeUrl, CreatedAt = now, NextAttemptAt = now,
        });
    }
}
