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

    /// <summary>
    /// How staff type a date and time in the site's language: its short date with two-digit day and
    /// month and a four-digit year, then a 24-hour time ("05/12/2026 14:30" in en-GB,
    /// "05.12.2026 14:30" in de-DE, "12/05/2026 14:30" in en-US), not the browser's own order.
    /// </summary>
    public string EntryPattern => EntryPatternOf(Culture);

    /// <summary>The order of day, month and year in <see cref="EntryPattern"/>: "dmy", "mdy" or "ymd".</summary>
    public string EntryOrder => new string(EntryPattern.Where(c => c is 'd' or 'M' or 'y').Distinct().Select(char.ToLowerInvariant).ToArray());

    /// <summary>A wall-clock time in the site's zone, as <see cref="EntryPattern"/> writes it.</summary>
    public string ToEntry(DateTime local) => local.ToString(EntryPattern, Culture);

    /// <summary>
    /// A date and time typed in <see cref="EntryPattern"/> (single digits allowed), or in ISO form
    /// (<c>2026-12-05T14:30</c>); null when it is neither.
    /// </summary>
    public DateTime? FromEntry(string? text)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length == 0)
        {
            return null;
        }
        var date = EntryPattern[..EntryPattern.IndexOf(' ', StringComparison.Ordinal)];
        var loose = date.Replace("dd", "d", StringComparison.Ordinal).Replace("MM", "M", StringComparison.Ordinal);
        string[] patterns = [EntryPattern, $"{loose} H:mm", $"{date} H:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];
        return DateTime.TryParseExact(typed, patterns, Culture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
            || DateTime.TryParseExact(typed, patterns[3..], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out parsed)
            ? DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified)
            : null;
    }

    private static string EntryPatternOf(CultureInfo culture)
    {
        var order = culture.DateTimeFormat.ShortDatePattern.Where(c => c is 'd' or 'M' or 'y').Distinct().ToArray();
        var separator = DateSeparator().Match(culture.DateTimeFormat.ShortDatePattern) is { Success: true } found ? found.Value : "/";
        if (order.Length != 3)
        {
            order = ['d', 'M', 'y'];
        }
        var parts = order.Select(c => c switch { 'd' => "dd", 'M' => "MM", _ => "yyyy" });
        // A literal separator: "/" in a .NET pattern means the culture's own, which is the same, but "." is not special.
        return string.Join($"'{separator}'", parts) + " HH:mm";
    }

    [GeneratedRegex(@"[^dMy\s']")]
    private static partial Regex DateSeparator();

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
