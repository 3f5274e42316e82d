using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Features.Settings;

public sealed class SiteTimeTests
{
    [Theory]
    [InlineData("en-GB", "5 March 2025")]
    [InlineData("en-US", "March 5, 2025")]
    [InlineData("de-DE", "5. März 2025")]
    [InlineData("sv-SE", "5 mars 2025")]
    [InlineData("fr-FR", "5 mars 2025")]
    public void WritesDatesInTheSiteLanguageWithoutTheWeekday(string language, string expected)
    {
        var time = Create("UTC", language);

        Assert.Equal(expected, time.Date(new DateTime(2025, 3, 5, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void ShowsTimesInTheSiteTimeZone()
    {
        var time = Create("Europe/Stockholm", "sv-SE");

        // 23:30 UTC is already the next day in Stockholm.
        Assert.Equal("1 januari 2026, 00:30", time.DateAndTime(new DateTime(2025, 12, 31, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("2025-12-31T23:30:00Z", SiteTime.Iso(new DateTime(2025, 12, 31, 23, 30, 0)));
    }

    [Theory]
    [InlineData("2026-01-15T12:00", "2026-01-15T11:00")] // winter: UTC+1
    [InlineData("2026-07-15T12:00", "2026-07-15T10:00")] // summer: UTC+2
    [InlineData("2026-10-25T02:30", "2026-10-25T00:30")] // shown twice as clocks go back: the first
    [InlineData("2026-03-29T02:30", null)] // skipped as clocks go forward
    public void TurnsTheSiteClockIntoUtc(string local, string? utc)
    {
        var time = Create("Europe/Stockholm", "en-GB");

        var result = time.ToUtc(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(utc, result?.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result is null || result.Value.Kind == DateTimeKind.Utc);
    }

    [Fact]
    public void FallsBackToUtcAndEnglishForValuesItDoesNotKnow()
    {
        var time = Create("Mars/Olympus_Mons", "zz-ZZ");

        Assert.Equal(TimeZoneInfo.Utc.Id, time.TimeZone.Id);
        Assert.Equal("5 March 2025", time.Date(new DateTime(2025, 3, 5, 0, 0, 0, DateTimeKind.Utc)));
    }

    private static SiteTime Create(string timeZone, string language) =>
        new(new FixedOptions(new GazetteOptions { Site = { TimeZone = timeZone, Language = language } }), TimeProvider.System);

    private sealed class FixedOptions(GazetteOptions value) : IOptionsMonitor<GazetteOptions>
    {
        public GazetteOptions CurrentValue => value;

        public GazetteOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GazetteOptions, string?> listener) => null;
    }
}
