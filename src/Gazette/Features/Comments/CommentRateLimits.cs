using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gazette.Features.Comments;

/// <summary>
/// Sliding ten-minute limits per network address and per email. These are checked in the comment
/// use case rather than by the rate-limiting middleware: the email is in the form body, and a
/// refused reader must get the article page back with their text still in the form.
/// With Redis (several instances) the counts are <see cref="SharedCounters"/>, kept for every instance
/// together; without Redis, or while it is away, each instance counts alone.
/// </summary>
public sealed class CommentRateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly IOptionsMonitor<CommentSettings> _settings;
    private readonly SharedCounters _shared;
    private readonly ILogger<CommentRateLimits> _logger;

    public CommentRateLimits(IOptionsMonitor<CommentSettings> settings, SharedCounters shared, ILogger<CommentRateLimits> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (_settings, _shared, _logger) = (settings, shared, logger);
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
        if (_shared.Available)
        {
            try
            {
                // Emails are kept in Redis only as hashes.
                var emailKey = "comments:email:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email)));
                return await _shared.TryTakeAsync(emailKey, LimitOf("email:"), Window)
                    && (network is null || await _shared.TryTakeAsync("comments:ip:" + network, LimitOf("ip:"), Window));
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

    private int LimitOf(string key) => Math.Max(1, key.StartsWith("email:", StringComparison.Ordinal)
        ? _settings.CurrentValue.MaxCommentsPerEmail
        : _settings.CurrentValue.MaxCommentsPerAddress);

    public void Dispose() => _limiter.Dispose();
}
