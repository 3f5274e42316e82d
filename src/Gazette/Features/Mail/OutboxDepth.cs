using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Mail;

/// <summary>
/// How many messages wait in the outbox, for the metrics (<c>gazette.outbox.depth</c>). A scrape reads
/// the last count at once and, when it is older than <see cref="Freshness"/>, has it counted again in
/// the background: scrapes never wait on the database, and a database that does not answer leaves the
/// other metrics readable.
/// </summary>
public sealed class OutboxDepth(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDepth> logger)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private long _depth = -1;
    private long _countedAt;
    private int _counting;

    /// <summary>The last count, or null before the first one is in.</summary>
    public long? Current
    {
        get
        {
            var depth = Interlocked.Read(ref _depth);
            if ((depth < 0 || clock.GetElapsedTime(Interlocked.Read(ref _countedAt)) > Freshness)
                && Interlocked.Exchange(ref _counting, 1) == 0)
            {
                _ = Task.Run(CountAsync);
            }
            return depth < 0 ? null : depth;
        }
    }

    private async Task CountAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            var depth = await db.Outbox.LongCountAsync(m => m.SentAt == null, timeout.Token);
            Interlocked.Exchange(ref _depth, depth);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "The outbox could not be counted for the metrics.");
        }
        finally
        {
            // A failed count waits its turn too: a database in trouble is not asked on every scrape.
            Interlocked.Exchange(ref _countedAt, clock.GetTimestamp());
            Interlocked.Exchange(ref _counting, 0);
        }
    }
}
