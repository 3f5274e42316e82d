using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Gazette.Features.Comments;
using Gazette.Infrastructure;
using StackExchange.Redis;

namespace Gazette.Features.Articles;

/// <summary>
/// Wrong passwords for protected articles, limited with ASP.NET Core's rate limiters: at most
/// <see cref="WrongPerWindow"/> in a sliding ten minutes from one network (the address truncated as
/// comments store it), whatever the articles; a right password costs nothing. As with comments, the
/// limit is checked in the page rather than by the middleware, so that a reader who is refused gets
/// the article's page back, with the form and a message. Requests with no known address (a Unix
/// socket without forwarded headers) are counted per article. With Redis, the counts are
/// <see cref="SharedCounters"/>, for every instance together.
/// </summary>
public sealed class PasswordGuesses(SharedCounters shared, ILogger<PasswordGuesses> logger) : IDisposable
{
    public const int WrongPerWindow = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = WrongPerWindow,
            Window = Window,
            SegmentsPerWindow = 10,
            QueueLimit = 0,
        }));

    /// <summary>Whether a guess from <paramref name="address"/> at article <paramref name="articleId"/> may be checked now.</summary>
    public async Task<bool> MayGuessAsync(IPAddress? address, int articleId)
    {
        if (shared.Available)
        {
            try
            {
                return await shared.CountAsync(SharedKey(address, articleId), Window) < WrongPerWindow;
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "The shared count of wrong passwords could not be read; this instance counts alone.");
            }
        }
        return _limiter.GetStatistics(Key(address, articleId)) is not { CurrentAvailablePermits: <= 0 };
    }

    /// <summary>A wrong guess: counted against its network.</summary>
    public async Task MissedAsync(IPAddress? address, int articleId)
    {
        if (shared.Available)
        {
            try
            {
                await shared.AddAsync(SharedKey(address, articleId), Window);
                return;
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "A wrong password could not be counted in Redis; this instance counts it alone.");
            }
        }
        using var _ = _limiter.AttemptAcquire(Key(address, articleId));
    }

    private static string SharedKey(IPAddress? address, int articleId) => "passwords:" + Key(address, articleId);

    private static string Key(IPAddress? address, int articleId) =>
        IpAddresses.Truncate(address) is { } network ? "ip:" + network : "article:" + articleId.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();
}
