using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gazette.Features.Comments;

/// <summary>
/// Sliding ten-minute limits per network address and per email. These are checked in the comment
/// use case rather than by the rate-limiting middleware: the email is in the form body, and a
/// refused reader must get the article page back with their text still in the form.
/// With Redis (several instances, see <see cref="Infrastructure.SharedEvictions"/>) the counts are kept
/// there, shared by every instance: a sliding window estimated from this window's count and the last
/// one's, the usual way over counters. Without Redis, or while it is away, each instance counts alone.
/// </summary>
public sealed class CommentRateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly IOptionsMonitor<CommentSettings> _settings;
    private readonly IConnectionMultiplexer? _redis;
    private readonly TimeProvider _clock;
    private readonly ILogger<CommentRateLimits> _logger;

    public CommentRateLimits(
        IOptionsMonitor<CommentSettings> settings, TimeProvider clock, ILogger<CommentRateLimits> logger, IConnectionMultiplexer? redis = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (_settings, _clock, _logger, _redis) = (settings, clock, logger, redis);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = LimitOf(key),
                Window = Window,
                SegmentsPerWindow = 10,
                QueueLimit = 0,
            }));
    }

    public async Task<bool> TryTakeAsync(string? network, string email)
    {
        if (_redis is { IsConnected: true } redis)
        {
            try
            {
                return await TakeSharedAsync(redis.GetDatabase(), "email:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email))))
                    && (network is null || await TakeSharedAsync(redis.GetDatabase(), "ip:" + network));
            }
            catch (RedisException e)
            {
                _logger.LogWarning(e, "The shared comment limits in Redis could not be read; this instance counts alone.");
            }
        }
        using var byEmail = _limiter.AttemptAcquire("email:" + email);
        if (!byEmail.IsAcquired)
        {
            return false;
        }
        if (network is null)
        {
            return true;
        }
        using var byAddress = _limiter.AttemptAcquire("ip:" + network);
        return byAddress.IsAcquired;
    }

    /// <summary>
    /// One more for <paramref name="key"/>, unless the window is full: this window's count plus the last
    /// window's, weighted by how much of it still lies within ten minutes. A refused try is not counted.
    /// </summary>
    private async Task<bool> TakeSharedAsync(IDatabase redis, string key)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        var index = now / Window.Ticks;
        var elapsed = (double)(now % Window.Ticks) / Window.Ticks;
        var current = $"gazette:limits:{key}:{index}";
        var count = await redis.StringIncrementAsync(current);
        if (count == 1)
        {
            await redis.KeyExpireAsync(current, Window * 2);
        }
        var previous = (long?)await redis.StringGetAsync($"gazette:limits:{key}:{index - 1}") ?? 0;
        if (previous * (1 - elapsed) + count <= LimitOf(key))
        {
            return true;
        }
        await redis.StringDecrementAsync(current);
        return false;
    }

    private int LimitOf(string key) => Math.Max(1, key.StartsWith("email:", StringComparison.Ordinal)
        ? _settings.CurrentValue.MaxCommentsPerEmail
        : _settings.CurrentValue.MaxCommentsPerAddress);

    public void Dispose() => _limiter.Dispose();
}
