using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Gazette.Data;
using Microsoft.AspNetCore.Authentication;
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
    /// <summary>
    /// When the session began, kept in the sign-in cookie's properties to the tick. Its issue date will not
    /// do: it is kept to the second only, and moves on whenever the cookie is renewed, so a session renewed
    /// on an instance that has not yet heard of the restore would start again after it.
    /// </summary>
    public const string SignedInAtItem = "gazette.signedInAt";

    /// <summary>Whether the session of <paramref name="properties"/> began before the last restore, and so has ended.</summary>
    public bool HasEnded(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (EndedBefore is not { } cutoff)
        {
            return false;
        }
        var began = properties.Items.TryGetValue(SignedInAtItem, out var item) && long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : properties.IssuedUtc;
        return began is null || began < cutoff;
    }

    /// <summary>Notes when a session begins (see <see cref="SignedInAtItem"/>).</summary>
    /// <remarks>
    /// Only when it begins: Identity's <c>RefreshSignInAsync</c> (after a password or two-factor change) signs in
    /// again with the session's own properties, and must not make a session begun before a restore look newer.
    /// </remarks>
    public static void NoteSignIn(AuthenticationProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.Items.TryAdd(SignedInAtItem, now.UtcTicks.ToString(CultureInfo.InvariantCulture));
    }

    private long _ticks;

    /// <summary>Sessions that began before this have ended; null while no restore has ended any.</summary>
    public DateTimeOffset? EndedBefore => Interlocked.Read(ref _ticks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Ends every session that began before <paramref name="moment"/> (a later cutoff only ever replaces an earlier one).</summary>
    public void EndSessionsBefore(DateTimeOffset moment)
    {
        var ticks = moment.UtcTicks;
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
