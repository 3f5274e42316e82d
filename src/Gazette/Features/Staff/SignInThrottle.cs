using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Gazette.Features.Staff;

/// <summary>
/// Slows password guessing without a lockout that anyone could trigger. Failed sign-ins are
/// counted per network address and per name typed (an account that does not exist is counted
/// like one that does, so the answers never tell them apart). After
/// <see cref="FreeAttempts"/> failures, each further try must wait twice as long as the one
/// before (1 s, 2 s, 4 s … at most <see cref="LongestWait"/>); a quiet hour forgets them.
///
/// A browser its owner signed in from before carries a <see cref="StaffDevice"/> cookie: its
/// tries are counted against that browser alone, not against the account or the address, so
/// someone guessing an editor's password from elsewhere (or from behind the same proxy) cannot
/// keep the editor out. A new browser can also get in through a password-reset link. Requests
/// without a known address (a Unix socket) are counted by account only. With Redis (several
/// instances, see <see cref="Infrastructure.SharedEvictions"/>) the counts are kept there, for every
/// instance together; without it, or while it is away, each instance counts alone.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, ILogger<SignInThrottle> logger, IConnectionMultiplexer? redis = null)
{
    public const int FreeAttempts = 5;
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last);

    /// <summary>
    /// How long this attempt must wait; zero when it may go ahead. <paramref name="device"/> is the
    /// <see cref="StaffDevice"/> key when this browser signed in to this account before.
    /// </summary>
    public async Task<TimeSpan> WaitForAsync(IPAddress? address, string userName, string? device)
    {
        var keys = Keys(address, userName, device).ToList();
        if (Shared() is { } db)
        {
            try
            {
                var waits = new List<TimeSpan>();
                foreach (var key in keys)
                {
                    var seen = await db.HashGetAsync(SharedKey(key), ["count", "last"]);
                    waits.Add(seen[0].HasValue && seen[1].HasValue
                        ? WaitFor(new Failures((int)seen[0], new DateTimeOffset((long)seen[1], TimeSpan.Zero)))
                        : TimeSpan.Zero);
                }
                return waits.DefaultIfEmpty(TimeSpan.Zero).Max();
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "The shared sign-in counts in Redis could not be read; this instance counts alone.");
            }
        }
        return keys.Select(key => _failures.TryGetValue(key, out var seen) ? WaitFor(seen) : TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    public async Task FailedAsync(IPAddress? address, string userName, string? device)
    {
        if (Shared() is { } db)
        {
            try
            {
                var now = clock.GetUtcNow();
                foreach (var key in Keys(address, userName, device).Select(SharedKey))
                {
                    // A quiet hour forgets, as here; the key expires a little after that anyway.
                    if (await db.HashGetAsync(key, "last") is { HasValue: true } last && now - new DateTimeOffset((long)last, TimeSpan.Zero) > Forget)
                    {
                        await db.KeyDeleteAsync(key);
                    }
                    await db.HashIncrementAsync(key, "count");
                    await db.HashSetAsync(key, "last", now.UtcTicks);
                    await db.KeyExpireAsync(key, Forget + TimeSpan.FromMinutes(5));
                }
                return;
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "A failed sign-in could not be counted in Redis; this instance counts it alone.");
            }
        }
        Failed(address, userName, device);
    }

    /// <summary>The account's owner got in: guesses against it start again from zero. The address's count stays.</summary>
    public async Task SucceededAsync(string userName)
    {
        _failures.TryRemove(AccountKey(userName), out _);
        if (Shared() is { } db)
        {
            try
            {
                await db.KeyDeleteAsync(SharedKey(AccountKey(userName)));
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "The shared sign-in count of an account could not be cleared.");
            }
        }
    }

    private IDatabase? Shared() => redis is { IsConnected: true } connected ? connected.GetDatabase() : null;

    private static string SharedKey(string key) => "gazette:signin:" + key;

    private void Failed(IPAddress? address, string userName, string? device)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            Prune(now);
        }
        foreach (var key in Keys(address, userName, device))
        {
            _failures.AddOrUpdate(key, _ => new Failures(1, now),
                (_, seen) => new Failures(now - seen.Last > Forget ? 1 : seen.Count + 1, now));
        }
    }

    private TimeSpan WaitFor(Failures seen)
    {
        if (seen.Count < FreeAttempts)
        {
            return TimeSpan.Zero;
        }
        var now = clock.GetUtcNow();
        if (now - seen.Last > Forget)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(seen.Count - FreeAttempts, 20);
        var delay = Min(TimeSpan.FromSeconds(1 << doublings), LongestWait);
        var left = seen.Last + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, seen) in _failures)
        {
            if (now - seen.Last > Forget || seen.Count < FreeAttempts)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private static IEnumerable<string> Keys(IPAddress? address, string userName, string? device)
    {
        if (device is not null)
        {
            yield return "device:" + device;
            yield break;
        }
        yield return AccountKey(userName);
        if (address is not null)
        {
            yield return AddressKey(address);
        }
    }

    private static string AccountKey(string userName) => "account:" + userName.Trim().ToUpperInvariant();

    /// <summary>IPv4 addresses count one by one; IPv6 by /64, which one subscriber usually has whole.</summary>
    private static string AddressKey(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return "address:" + address;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
