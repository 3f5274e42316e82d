namespace Gazette.Data;

/// <summary>
/// An email waiting to be sent. Written in the same transaction as whatever caused it, and sent
/// by a background worker that retries with backoff, so that an SMTP outage loses nothing.
/// </summary>
public class OutboxMessage
{
    public int Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>Sent as List-Unsubscribe with One-Click (RFC 8058) when set.</summary>
    public string? UnsubscribeUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}
