using System.Diagnostics.Metrics;
using Gazette.Data;
using Gazette.Features.Mail;

namespace Gazette.Infrastructure;

/// <summary>
/// The site's own measurements, on one meter named <see cref="MeterName"/>, beside ASP.NET Core's
/// request metrics (<see cref="Telemetry"/>). With metrics off nothing listens, and a recording is a
/// look at an empty list. Tags take a few fixed values each: never an address, an email, a title or
/// anything else a reader typed.
/// </summary>
public sealed class GazetteMetrics
{
    public const string MeterName = "Gazette";

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");
    private static readonly KeyValuePair<string, object?> AboutTheMessage = new("reason", "message");
    private static readonly KeyValuePair<string, object?> AboutTheServer = new("reason", "server");

    private readonly Counter<long> _commentsPosted;
    private readonly Counter<long> _commentsModerated;
    private readonly Counter<long> _pageCache;
    private readonly Counter<long> _outboxSent;
    private readonly Counter<long> _outboxFailures;
    private readonly Counter<long> _importItems;
    private readonly Counter<long> _imports;
    private readonly Counter<long> _scheduledPublished;
    private readonly Counter<long> _scheduledFailures;

    public GazetteMetrics(IMeterFactory meters, OutboxDepth outboxDepth)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(outboxDepth);
        var meter = meters.Create(MeterName);
        _commentsPosted = meter.CreateCounter<long>("gazette.comments.posted", "{comment}",
            "Comments readers posted, by the state moderation put them in (status: approved, pending, spam).");
        _commentsModerated = meter.CreateCounter<long>("gazette.comments.moderated", "{comment}",
            "Comments a moderator moved, by where they went (status: approved, pending, spam, trash).");
        _pageCache = meter.CreateCounter<long>("gazette.page_cache.requests", "{request}",
            "Requests for a cacheable public page, served from the page cache or rendered (result: hit, miss).");
        _outboxSent = meter.CreateCounter<long>("gazette.outbox.sent", "{message}", "Messages the outbox sent.");
        _outboxFailures = meter.CreateCounter<long>("gazette.outbox.failures", "{message}",
            "Attempts to send an outbox message that failed (reason: message, server); the message is tried again later.");
        meter.CreateObservableGauge<long>("gazette.outbox.depth", () => outboxDepth.Current is { } depth ? [new Measurement<long>(depth)] : [],
            "{message}", "Messages in the outbox not sent yet (read at most every few seconds).");
        _importItems = meter.CreateCounter<long>("gazette.import.items", "{item}", "Items of WordPress exports imported.");
        _imports = meter.CreateCounter<long>("gazette.import.runs", "{import}", "WordPress imports that ended (result: succeeded, failed).");
        _scheduledPublished = meter.CreateCounter<long>("gazette.scheduled.published", "{article}",
            "Scheduled articles published when their time came.");
        _scheduledFailures = meter.CreateCounter<long>("gazette.scheduled.failures", "{check}",
            "Checks for scheduled articles that failed (a busy or unreachable database); the next check tries again.");
    }

    public void CommentPosted(CommentStatus status) => _commentsPosted.Add(1, StatusTag(status));

    public void CommentsModerated(int count, CommentStatus to)
    {
        if (count > 0)
        {
            _commentsModerated.Add(count, StatusTag(to));
        }
    }

    public void PageCacheHit() => _pageCache.Add(1, Hit);

    public void PageCacheMiss() => _pageCache.Add(1, Miss);

    public void OutboxSent() => _outboxSent.Add(1);

    /// <param name="aboutTheMessage">The message alone failed (an address that does not parse, a refused recipient), not the server.</param>
    public void OutboxFailed(bool aboutTheMessage) => _outboxFailures.Add(1, aboutTheMessage ? AboutTheMessage : AboutTheServer);

    public void ItemsImported(int count) => _importItems.Add(count);

    public void ImportEnded(bool succeeded) => _imports.Add(1, new KeyValuePair<string, object?>("result", succeeded ? "succeeded" : "failed"));

    public void ScheduledPublished(int count)
    {
        if (count > 0)
        {
            _scheduledPublished.Add(count);
        }
    }

    public void ScheduledCheckFailed() => _scheduledFailures.Add(1);

    private static KeyValuePair<string, object?> StatusTag(CommentStatus status) => new("status", status switch
    {
        CommentStatus.Approved => "approved",
        CommentStatus.Pending => "pending",
        CommentStatus.Spam => "spam",
        _ => "trash",
    });
}
