using StackExchange.Redis;

namespace Gazette.Infrastructure;

/// <summary>
/// Counts of recent events (comments per reader, wrong passwords per network) that every instance of the
/// site shares through Redis, when several run (see <see cref="SharedEvictions"/>): one counter per key
/// and window of time, and a sliding count estimated from this window's counter and the last one's,
/// weighted by how much of the last still lies within the window. <see cref="Available"/> is false
/// without Redis, or while it is away: callers then count in memory.
/// </summary>
public sealed class SharedCounters(TimeProvider clock, IConnectionMultiplexer? redis = null)
{
    public bool Available => redis is { IsConnected: true };

    /// <summary>The events for <paramref name="key"/> in the last <paramref name="window"/>.</summary>
    public async Task<double> CountAsync(string key, TimeSpan window)
    {
        var (db, current, previous, weight) = Slots(key, window);
        var now = (long?)await db.StringGetAsync(current) ?? 0;
        var before = (long?)await db.StringGetAsync(previous) ?? 0;
        return before * weight + now;
    }

    /// <summary>One more event for <paramref name="key"/>.</summary>
    public async Task AddAsync(string key, TimeSpan window)
    {
        var (db, current, _, _) = Slots(key, window);
        if (await db.StringIncrementAsync(current) == 1)
        {
            await db.KeyExpireAsync(current, window * 2);
        }
    }

    /// <summary>One more event, unless that would make more than <paramref name="limit"/> in the window; a refused one is not counted.</summary>
    public async Task<bool> TryTakeAsync(string key, int limit, TimeSpan window)
    {
        var (db, current, previous, weight) = Slots(key, window);
        var now = await db.StringIncrementAsync(current);
        if (now == 1)
        {
            await db.KeyExpireAsync(current, window * 2);
        }
        var before = (long?)await db.StringGetAsync(previous) ?? 0;
        if (before * weight + now <= limit)
        {
            return true;
        }
        await db.StringDecrementAsync(current);
        return false;
    }

    private (IDatabase Db, string Current, string Previous, double Weight) Slots(string key, TimeSpan window)
    {
        var db = redis?.GetDatabase() ?? throw new InvalidOperationException("No Redis is configured.");
        var now = clock.GetUtcNow().UtcTicks;
        var index = now / window.Ticks;
        var elapsed = (double)(now % window.Ticks) / window.Ticks;
        return (db, $"gazette:counts:{key}:{index}", $"gazette:counts:{key}:{index - 1}", 1 - elapsed);
    }
}
