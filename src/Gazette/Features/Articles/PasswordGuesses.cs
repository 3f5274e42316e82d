using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Gazette.Features.Comments;

namespace Gazette.Features.Articles;

/// <summary>
/// Wrong passwords for protected articles, limited with ASP.NET Core's rate limiters: at most
/// <see cref="WrongPerWindow"/> in a sliding ten minutes from one network (the address truncated as
/// comments store it), whatever the articles; a right password costs nothing. As with comments, the
/// limit is checked in the page rather than by the middleware, so that a reader who is refused gets
/// the article's page back, with the form and a message. Requests with no known address (a Unix
/// socket without forwarded headers) are counted per article. Limits are per app instance.
/// </summary>
public sealed class PasswordGuesses : IDisposable
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
    public bool MayGuess(IPAddress? address, int articleId) =>
        _limiter.GetStatistics(Key(address, articleId)) is not { CurrentAvailablePermits: <= 0 };

    /// <summary>A wrong guess: counted against its network.</summary>
    public void Missed(IPAddress? address, int articleId)
    {
        using var _ = _limiter.AttemptAcquire(Key(address, articleId));
    }

    private static string Key(IPAddress? address, int articleId) =>
        IpAddresses.Truncate(address) is { } network ? "ip:" + network : "article:" + articleId.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();
}
