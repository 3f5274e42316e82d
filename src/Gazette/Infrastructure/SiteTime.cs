using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// The site's time zone and date language (<c>Gazette:Site:TimeZone</c>, <c>Gazette:Site:Language</c>).
/// Times are stored in UTC; readers see them, and staff enter them, in the site's zone. A changed
/// setting applies from the next call.
/// </summary>
public sealed partial class SiteTime(IOptionsMonitor<GazetteOptions> options, TimeProvider clock)
{
    private const string Fallback = "d MMMM yyyy";

    private Zone? _zone;

    private sealed record Zone(string TimeZoneId, string Language, TimeZoneInfo TimeZone, CultureInfo Culture, string DatePattern);

    public TimeZoneInfo TimeZone => Current.TimeZone;

    public CultureInfo Culture => Current.Culture;

    /// <summary>What the site's clocks show now.</summary>
    public DateTime Now => ToLocal(clock.GetUtcNow().UtcDateTime);

    private Zone Current
    {
        get
        {
            var site = options.CurrentValue.Site;
            var zone = _zone;
            if (zone is null || zone.TimeZoneId != site.TimeZone || zone.Language != site.Language)
            {
                // Values the settings page refused can still come from appsettings.json: fall back, never fail a page.
                var timeZone = TryFindTimeZone(site.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
                var culture = TryFindLanguage(site.Language, out var language) ? language : CultureInfo.GetCultureInfo("en-GB");
                _zone = zone = new Zone(site.TimeZone, site.Language, timeZone, culture, DatePattern(culture));
            }
            return zone;
        }
    }

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    /// <summary>
    /// The instant the site's clocks show as <paramref name="local"/>. Null when they skip that
    /// time (the hour lost when summer time starts); when they show it twice (the hour repeated
    /// when it ends), the first time.
    /// </summary>
    public DateTime? ToUtc(DateTime local)
    {
        var zone = TimeZone;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>A date as readers see it: "5 March 2025", "5. März 2025", "March 5, 2025".</summary>
    public string Date(DateTime utc) => ToLocal(utc).ToString(Current.DatePattern, Culture);

    /// <summary>A date and time of day in the site's language and zone.</summary>
    public string DateAndTime(DateTime utc)
    {
        var local = ToLocal(utc);
        return $"{local.ToString(Current.DatePattern, Culture)}, {local.ToString(Culture.DateTimeFormat.ShortTimePattern, Culture)}";
    }

    /// <summary>A UTC instant for a <c>datetime</c> attribute.</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An IANA time zone id this machine knows (e.g. Europe/Stockholm, UTC).</summary>
    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found) || !found.HasIanaId)
        {
            return false;
        }
        zone = found;
        return true;
    }

    /// <summary>A culture name with a region (en-GB, de-DE, sv-SE) that .NET knows.</summary>
    public static bool TryFindLanguage(string? name, out CultureInfo culture)
    {
        culture = CultureInfo.InvariantCulture;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }
        try
        {
            culture = CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true);
            return !culture.IsNeutralCulture && culture.Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The culture's long date without the weekday, which is noise in a byline.</summary>
    public static string DatePattern(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var pattern = Weekday().Replace(culture.DateTimeFormat.LongDatePattern, "").Trim();
        return pattern.Contains('d', StringComparison.Ordinal) && pattern.Contains('y', StringComparison.Ordinal) ? pattern : Fallback;
    }

    // "dddd, d MMMM yyyy", "dddd 'den' d. MMMM yyyy", "yyyy年M月d日dddd".
    [GeneratedRegex(@"^dddd[,.]?\s*('[^']*'\s*)?|[,\s]*dddd$")]
    private static partial Regex Weekday();
}
