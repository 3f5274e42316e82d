using System.Globalization;
using Gazette.Infrastructure;

namespace Gazette.Features.Settings;

/// <summary>The time zones and languages the settings page offers; the current value is always among them.</summary>
public static class SettingChoices
{
    public sealed record Choice(string Value, string Label);

    private static readonly string[] CommonTimeZones =
    [
        "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Atlantic/Reykjavik", "Europe/Paris", "Europe/Brussels",
        "Europe/Amsterdam", "Europe/Berlin", "Europe/Zurich", "Europe/Vienna", "Europe/Rome", "Europe/Madrid",
        "Europe/Copenhagen", "Europe/Oslo", "Europe/Stockholm", "Europe/Warsaw", "Europe/Prague", "Europe/Budapest",
        "Europe/Helsinki", "Europe/Tallinn", "Europe/Riga", "Europe/Vilnius", "Europe/Athens", "Europe/Bucharest",
        "Europe/Kyiv", "Europe/Istanbul", "Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg", "Africa/Nairobi",
        "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore", "Asia/Hong_Kong",
        "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Adelaide", "Australia/Sydney",
        "Pacific/Auckland", "America/St_Johns", "America/Halifax", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
        "America/Bogota", "America/New_York", "America/Chicago", "America/Mexico_City", "America/Denver",
        "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
    ];

    private static readonly string[] CommonLanguages =
    [
        "en-GB", "en-US", "en-AU", "en-CA", "en-IE", "en-NZ", "en-IN", "cs-CZ", "da-DK", "de-DE", "de-AT", "de-CH",
        "el-GR", "es-ES", "es-MX", "et-EE", "fi-FI", "fr-FR", "fr-BE", "fr-CA", "ga-IE", "hu-HU", "is-IS", "it-IT",
        "ja-JP", "lt-LT", "lv-LV", "nb-NO", "nl-NL", "nl-BE", "nn-NO", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "sv-SE",
        "sv-FI", "tr-TR", "uk-UA",
    ];

    /// <summary>Zones by their offset now, labelled like "(UTC+01:00) Europe/Stockholm".</summary>
    public static IReadOnlyList<Choice> TimeZones(string current, DateTime utcNow)
    {
        var zones = new List<TimeZoneInfo>();
        foreach (var id in CommonTimeZones.Append(current).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (SiteTime.TryFindTimeZone(id, out var zone) && !zones.Any(z => z.Id == zone.Id))
            {
                zones.Add(zone);
            }
        }
        var choices = zones
            .Select(zone => (zone, offset: zone.GetUtcOffset(utcNow)))
            .OrderBy(z => z.offset).ThenBy(z => z.zone.Id, StringComparer.Ordinal)
            .Select(z => new Choice(z.zone.Id, $"(UTC{(z.offset < TimeSpan.Zero ? "-" : "+")}{z.offset:hh\\:mm}) {z.zone.Id}"))
            .ToList();
        return WithUnknown(choices, current);
    }

    /// <summary>Languages labelled with their own name and a sample date, like "svenska (Sverige): 5 mars 2025".</summary>
    public static IReadOnlyList<Choice> Languages(string current, DateTime sample)
    {
        var choices = new List<Choice>();
        foreach (var name in CommonLanguages.Append(current).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (SiteTime.TryFindLanguage(name, out var culture) && !choices.Any(c => c.Value == culture.Name))
            {
                choices.Add(new Choice(culture.Name, $"{culture.NativeName}: {sample.ToString(SiteTime.DatePattern(culture), culture)}"));
            }
        }
        return WithUnknown(choices.OrderBy(c => c.Label, StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true)).ToList(), current);
    }

    /// <summary>A value this server does not know stays selectable, so a refused form shows what was sent.</summary>
    private static List<Choice> WithUnknown(List<Choice> choices, string current)
    {
        if (!string.IsNullOrWhiteSpace(current) && !choices.Any(c => c.Value.Equals(current, StringComparison.OrdinalIgnoreCase)))
        {
            choices.Insert(0, new Choice(current, $"{current} (not known on this server)"));
        }
        return choices;
    }
}
