using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using Gazette.Features.Comments;
using Gazette.Features.Staff;
using Gazette.Infrastructure;

namespace Gazette.Features.Settings;

/// <summary>What the settings page posts, and the configuration paths each field is stored under.</summary>
public sealed class SettingsForm
{
    private const int MaxListItems = 1000;
    private const int MaxItemLength = 200;

    [Required(ErrorMessage = "Give the site a title.")]
    [StringLength(200)]
    [Display(Name = "Site title")]
    public string Title { get; set; } = "";

    [StringLength(300)]
    public string? Tagline { get; set; }

    [Required(ErrorMessage = "Enter the site's address, such as https://news.example.com.")]
    [StringLength(500)]
    [Display(Name = "Site address")]
    public string SiteUrl { get; set; } = "";

    [Required(ErrorMessage = "Choose a time zone.")]
    [Display(Name = "Time zone")]
    public string TimeZone { get; set; } = "UTC";

    [Required(ErrorMessage = "Choose a language for dates.")]
    [Display(Name = "Language of dates")]
    public string Language { get; set; } = "en-GB";

    [Range(1, 100, ErrorMessage = "Show from 1 to 100 articles per page.")]
    [Display(Name = "Articles per page")]
    public int PostsPerPage { get; set; }

    [Range(1, 500, ErrorMessage = "Feeds can list from 1 to 500 items.")]
    [Display(Name = "Items in feeds")]
    public int FeedLength { get; set; }

    [Display(Name = "Feeds carry each article's full text (otherwise its excerpt)")]
    public bool FeedFullText { get; set; }

    [Display(Name = "Hold every comment for a moderator")]
    public bool ManualApproval { get; set; }

    [Display(Name = "Email Administrators when a comment waits for moderation")]
    public bool NotifyModerators { get; set; }

    [StringLength(50_000)]
    [Display(Name = "Blocked words")]
    public string? BlockedWords { get; set; }

    [StringLength(50_000)]
    [Display(Name = "Blocked emails")]
    public string? BlockedEmails { get; set; }

    [StringLength(50_000)]
    [Display(Name = "Blocked network addresses")]
    public string? BlockedIpRanges { get; set; }

    [StringLength(50_000)]
    [Display(Name = "Blocked link domains")]
    public string? BlockedDomains { get; set; }

    [Range(0, 100, ErrorMessage = "Enter a number from 0 to 100.")]
    [Display(Name = "Most links a comment may have before it waits")]
    public int MaxLinks { get; set; }

    [Range(50, 100, ErrorMessage = "Enter a percentage from 50 to 100.")]
    [Display(Name = "Classifier certainty that sends a comment to spam (%)")]
    public int SpamThresholdPercent { get; set; }

    [Range(0, 600, ErrorMessage = "Enter a number of seconds from 0 to 600.")]
    [Display(Name = "Seconds a person needs at least to fill the form")]
    public int MinimumFillSeconds { get; set; }

    [Range(1, 10, ErrorMessage = "Replies can nest from 1 to 10 levels deep.")]
    [Display(Name = "Reply depth")]
    public int ThreadDepth { get; set; }

    [Range(0, 1000, ErrorMessage = "Enter a number from 0 (every comment on one page) to 1,000.")]
    [Display(Name = "Threads on each page of comments (0 for one page)")]
    public int ThreadsPerPage { get; set; }

    [Display(Name = "Readers arrive at the newest page of comments")]
    public bool NewestPageFirst { get; set; }

    [Range(0, 36_500, ErrorMessage = "Enter a number of days; 0 keeps comments open.")]
    [Display(Name = "Close comments after (days, 0 for never)")]
    public int CloseAfterDays { get; set; }

    [Range(0, 1440, ErrorMessage = "Enter a number of minutes from 0 to 1440.")]
    [Display(Name = "Commenters may edit or delete for (minutes)")]
    public int EditWindowMinutes { get; set; }

    [Range(1, 10_000, ErrorMessage = "Enter a number from 1 to 10,000.")]
    [Display(Name = "Comments per email in ten minutes")]
    public int MaxCommentsPerEmail { get; set; }

    [Range(1, 10_000, ErrorMessage = "Enter a number from 1 to 10,000.")]
    [Display(Name = "Comments per network in ten minutes")]
    public int MaxCommentsPerAddress { get; set; }

    [Range(0, 3650, ErrorMessage = "Enter a number of days; 0 keeps addresses.")]
    [Display(Name = "Forget commenters' addresses after (days, 0 for never)")]
    public int IpRetentionDays { get; set; }

    [Display(Name = "Erasure requests remove the comments' text too")]
    public bool ErasureRemovesText { get; set; }

    [Display(Name = "All staff must sign in with an authenticator app")]
    public bool RequireTwoFactor { get; set; }

    public static SettingsForm From(SiteAddress address, SiteOptions site, CommentSettings comments, StaffSettings staff)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(comments);
        ArgumentNullException.ThrowIfNull(staff);
        return new SettingsForm
        {
            Title = site.Title,
            Tagline = site.Tagline,
            SiteUrl = address.Base,
            TimeZone = site.TimeZone,
            Language = site.Language,
            PostsPerPage = site.PostsPerPage,
            FeedLength = site.FeedLength,
            FeedFullText = site.FeedFullText,
            ManualApproval = comments.ManualApproval,
            NotifyModerators = comments.NotifyModerators,
            BlockedWords = Lines(comments.BlockedWords),
            BlockedEmails = Lines(comments.BlockedEmails),
            BlockedIpRanges = Lines(comments.BlockedIpRanges),
            BlockedDomains = Lines(comments.BlockedDomains),
            MaxLinks = comments.MaxLinks,
            SpamThresholdPercent = (int)Math.Round(comments.SpamThreshold * 100),
            MinimumFillSeconds = comments.MinimumFillSeconds,
            ThreadDepth = comments.ThreadDepth,
            ThreadsPerPage = comments.ThreadsPerPage,
            NewestPageFirst = comments.NewestPageFirst,
            CloseAfterDays = comments.CloseAfterDays,
            EditWindowMinutes = comments.EditWindowMinutes,
            MaxCommentsPerEmail = comments.MaxCommentsPerEmail,
            MaxCommentsPerAddress = comments.MaxCommentsPerAddress,
            IpRetentionDays = comments.IpRetentionDays,
            ErasureRemovesText = comments.ErasureRemovesText,
            RequireTwoFactor = staff.RequireTwoFactor,
        };
    }

    /// <summary>What the attributes cannot check: field name (of this form) and message.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (!string.IsNullOrWhiteSpace(SiteUrl) && SiteAddress.Normalise(SiteUrl) is null)
        {
            yield return (nameof(SiteUrl), $"\"{SiteUrl}\" is not a web address. Enter it whole, starting with https:// or http://.");
        }
        if (!string.IsNullOrWhiteSpace(TimeZone) && !SiteTime.TryFindTimeZone(TimeZone, out _))
        {
            yield return (nameof(TimeZone), $"\"{TimeZone}\" is not a time zone this server knows. Use an IANA name such as Europe/London.");
        }
        if (!string.IsNullOrWhiteSpace(Language) && !SiteTime.TryFindLanguage(Language, out _))
        {
            yield return (nameof(Language), $"\"{Language}\" is not a language and region this server knows, such as en-GB or de-DE.");
        }
        var lists = new (string Field, string? Text, Func<string, bool> IsValid, string Example)[]
        {
            (nameof(BlockedWords), BlockedWords, _ => true, "a word or phrase"),
            (nameof(BlockedEmails), BlockedEmails, IsEmailOrDomain, "an address (someone@example.com) or a domain (@example.com)"),
            (nameof(BlockedIpRanges), BlockedIpRanges, IsAddressOrRange, "an address or a range such as 203.0.113.0/24"),
            (nameof(BlockedDomains), BlockedDomains, domain => Uri.CheckHostName(domain) == UriHostNameType.Dns, "a domain such as example.com"),
        };
        foreach (var (field, text, isValid, example) in lists)
        {
            var items = Items(text);
            if (items.Count > MaxListItems)
            {
                yield return (field, $"Keep the list to {MaxListItems} lines.");
            }
            else if (items.FirstOrDefault(item => item.Length > MaxItemLength) is { } tooLong)
            {
                yield return (field, $"Keep each line to {MaxItemLength} characters; \"{tooLong[..20]}…\" is longer.");
            }
            else if (items.FirstOrDefault(item => !isValid(item)) is { } bad)
            {
                yield return (field, $"\"{bad}\" is not {example}. Put one on each line.");
            }
        }
    }

    /// <summary>The form as configuration paths and values, and the lists it replaces whole.</summary>
    public (Dictionary<string, string> Values, IReadOnlyList<string> Lists) ToConfiguration()
    {
        const string site = GazetteOptions.Section + ":" + nameof(GazetteOptions.Site) + ":";
        const string comments = CommentSettings.Section + ":";
        var values = new Dictionary<string, string>
        {
            [site + nameof(SiteOptions.Title)] = Title.Trim(),
            [site + nameof(SiteOptions.Tagline)] = Tagline?.Trim() ?? "",
            [SiteAddress.SettingKey] = SiteAddress.Normalise(SiteUrl) ?? SiteUrl,
            [site + nameof(SiteOptions.TimeZone)] = SiteTime.TryFindTimeZone(TimeZone, out var zone) ? zone.Id : TimeZone,
            [site + nameof(SiteOptions.Language)] = SiteTime.TryFindLanguage(Language, out var culture) ? culture.Name : Language,
            [site + nameof(SiteOptions.PostsPerPage)] = Number(PostsPerPage),
            [site + nameof(SiteOptions.FeedLength)] = Number(FeedLength),
            [site + nameof(SiteOptions.FeedFullText)] = Flag(FeedFullText),
            [comments + nameof(CommentSettings.ManualApproval)] = Flag(ManualApproval),
            [comments + nameof(CommentSettings.NotifyModerators)] = Flag(NotifyModerators),
            [comments + nameof(CommentSettings.MaxLinks)] = Number(MaxLinks),
            [comments + nameof(CommentSettings.SpamThreshold)] = (SpamThresholdPercent / 100.0).ToString("R", CultureInfo.InvariantCulture),
            [comments + nameof(CommentSettings.MinimumFillSeconds)] = Number(MinimumFillSeconds),
            [comments + nameof(CommentSettings.ThreadDepth)] = Number(ThreadDepth),
            [comments + nameof(CommentSettings.ThreadsPerPage)] = Number(ThreadsPerPage),
            [comments + nameof(CommentSettings.NewestPageFirst)] = Flag(NewestPageFirst),
            [comments + nameof(CommentSettings.CloseAfterDays)] = Number(CloseAfterDays),
            [comments + nameof(CommentSettings.EditWindowMinutes)] = Number(EditWindowMinutes),
            [comments + nameof(CommentSettings.MaxCommentsPerEmail)] = Number(MaxCommentsPerEmail),
            [comments + nameof(CommentSettings.MaxCommentsPerAddress)] = Number(MaxCommentsPerAddress),
            [comments + nameof(CommentSettings.IpRetentionDays)] = Number(IpRetentionDays),
            [comments + nameof(CommentSettings.ErasureRemovesText)] = Flag(ErasureRemovesText),
            [StaffSettings.Section + ":" + nameof(StaffSettings.RequireTwoFactor)] = Flag(RequireTwoFactor),
        };
        var lists = new List<string>();
        foreach (var (name, text) in new[]
        {
            (nameof(CommentSettings.BlockedWords), BlockedWords),
            (nameof(CommentSettings.BlockedEmails), BlockedEmails),
            (nameof(CommentSettings.BlockedIpRanges), BlockedIpRanges),
            (nameof(CommentSettings.BlockedDomains), BlockedDomains),
        })
        {
            var list = comments + name;
            lists.Add(list);
            foreach (var (item, index) in Items(text).Select((item, index) => (item, index)))
            {
                values[$"{list}:{Number(index)}"] = item;
            }
        }
        return (values, lists);
    }

    /// <summary>The non-empty lines of a textarea, trimmed, each once.</summary>
    public static List<string> Items(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static bool IsEmailOrDomain(string entry)
    {
        var at = entry.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 && at == entry.LastIndexOf('@') && !entry.Any(char.IsWhiteSpace)
            && Uri.CheckHostName(entry[(at + 1)..]) == UriHostNameType.Dns;
    }

    private static bool IsAddressOrRange(string entry) => IPNetwork.TryParse(entry, out _) || IPAddress.TryParse(entry, out _);

    private static string? Lines(List<string> items) => items.Count == 0 ? null : string.Join('\n', items);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
