using System.Xml;
using System.Xml.Linq;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Infrastructure;

/// <summary>
/// The moment before which every staff session is over: when a backup replaced the site, which revokes every
/// Data Protection key. The instance that restored knows at once; the others find the revocation in the
/// shared database within <see cref="SessionCutoffRefresher.Interval"/>. Their key ring would honour it only
/// when next read (up to a day later), and a backup of this same site holds the very accounts and security
/// stamps the old sessions carry: the sign-in check (<see cref="StaffIdentity"/>) compares each session's
/// start with this instead.
/// </summary>
public sealed class SessionCutoff(IServiceScopeFactory scopes)
{
    private long _ticks;

    /// <summary>Sessions that began before this have ended; null while no restore has ended any.</summary>
    public DateTimeOffset? EndedBefore => Interlocked.Read(ref _ticks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Ends every session that began before <paramref name="moment"/> (a later cutoff only ever replaces an earlier one).</summary>
    public void EndSessionsBefore(DateTimeOffset moment)
    {
        // To the whole second: a sign-in cookie keeps its start to the second only, so one made a moment
        // after the restore, in the same second, would otherwise count as before it.
        var ticks = moment.UtcTicks - moment.UtcTicks % TimeSpan.TicksPerSecond;
        long current;
        while ((current = Interlocked.Read(ref _ticks)) < ticks && Interlocked.CompareExchange(ref _ticks, ticks, current) != current)
        {
        }
    }

    /// <summary>Reads the latest revocation of every key from the database (a few rows: keys and revocations only).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var revocations = await db.DataProtectionKeys.AsNoTracking()
            .Where(k => k.Xml != null && k.Xml.StartsWith("<revocation"))
            .Select(k => k.Xml!)
            .ToListAsync(cancellationToken);
        foreach (var xml in revocations)
        {
            if (RevokedAllAt(xml) is { } moment)
            {
                EndSessionsBefore(moment);
            }
        }
    }

    /// <summary>The date of a revocation of every key (<c>&lt;key id="*"/&gt;</c>); null for one key's, or anything unreadable.</summary>
    private static DateTimeOffset? RevokedAllAt(string xml)
    {
        try
        {
            var revocation = XElement.Parse(xml);
            return revocation.Element("key")?.Attribute("id")?.Value == "*" && revocation.Element("revocationDate") is { } date
                ? XmlConvert.ToDateTimeOffset(date.Value)
                : null;
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>Brings the revocations other instances made into this one's <see cref="SessionCutoff"/>, every <see cref="Interval"/>.</summary>
public sealed class SessionCutoffRefresher(SessionCutoff cutoff, TimeProvider clock, ILogger<SessionCutoffRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cutoff.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unreachable database: keep the cutoff held and try again.
                logger.LogWarning(e, "Checking for a restore on another instance failed; will retry.");
            }
        }
    }
}
