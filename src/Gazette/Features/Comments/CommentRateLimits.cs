using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>
/// Sliding ten-minute limits per network address and per email. These are checked in the comment
/// use case rather than by the rate-limiting middleware: the email is in the form body, and a
/// refused reader must get the article page back with their text still in the form.
/// Limits are per app instance.
/// </summary>
public sealed class CommentRateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<string> _limiter;

    public CommentRateLimits(IOptionsMonitor<CommentSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, key.StartsWith("email:", StringComparison.Ordinal)
                    ? settings.CurrentValue.MaxCommentsPerEmail
                    : settings.CurrentValue.MaxCommentsPerAddress),
                Window = Window,
                SegmentsPerWindow = 10,
                QueueLimit = 0,
            }));
    }

    /// <summary>
    /// Takes one comment's worth from the limits of <paramref name="email"/> and of
    /// <paramref name="network"/> (the stored, truncated address; null when none is known).
    /// False when either is used up.
    /// </summary>
    public bool TryTake(string? network, string email)
    {
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

    public void Dispose() => _limiter.Dispose();
}
