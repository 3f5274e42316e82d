namespace Gazette.Features.Comments;

/// <summary>
/// The site's comment policy: the <c>Gazette:Comments</c> configuration section
/// (<c>Gazette__Comments__MaxLinks=3</c>, …). Read on every comment, so a changed file applies at once.
/// </summary>
public sealed class CommentSettings
{
    public const string Section = "Gazette:Comments";

    /// <summary>Email the Administrators when a comment waits for moderation (not for spam).</summary>
    public bool NotifyModerators { get; set; } = true;

    /// <summary>Hold every comment for a moderator, whoever wrote it.</summary>
    public bool ManualApproval { get; set; }

    /// <summary>Words or phrases that send a comment to spam when found in its name, email, website or text.</summary>
    public List<string> BlockedWords { get; set; } = [];

    /// <summary>Whole addresses (<c>someone@example.com</c>) or domains (<c>@example.com</c>).</summary>
    public List<string> BlockedEmails { get; set; } = [];

    /// <summary>Addresses or ranges in CIDR form: <c>203.0.113.0/24</c>, <c>2001:db8::/32</c>.</summary>
    public List<string> BlockedIpRanges { get; set; } = [];

    /// <summary>Link domains (and their subdomains) that send a comment to spam when linked.</summary>
    public List<string> BlockedDomains { get; set; } = [];

    /// <summary>A comment with more links than this waits for a moderator.</summary>
    public int MaxLinks { get; set; } = 2;

    /// <summary>The content classifier must be at least this sure before a comment goes straight to spam.</summary>
    public double SpamThreshold { get; set; } = 0.95;

    /// <summary>A comment sent sooner than this after the form was served is a robot's: spam.</summary>
    public int MinimumFillSeconds { get; set; } = 3;

    /// <summary>How deep replies nest; a reply to a comment at this depth joins its parent's replies.</summary>
    public int ThreadDepth { get; set; } = 5;

    /// <summary>How many comments one address (one network, as stored) may send in ten minutes.</summary>
    public int MaxCommentsPerAddress { get; set; } = 20;

    /// <summary>How many comments one email address may send in ten minutes.</summary>
    public int MaxCommentsPerEmail { get; set; } = 10;

    /// <summary>Commenters' stored addresses are forgotten after this many days; 0 keeps them.</summary>
    public int IpRetentionDays { get; set; } = 30;

    /// <summary>For how long the browser that posted a comment may edit or delete it.</summary>
    public int EditWindowMinutes { get; set; } = 15;

    /// <summary>When a commenter asks for erasure, remove their comments' text too (otherwise kept, signed "Anonymous").</summary>
    public bool ErasureRemovesText { get; set; }

    /// <summary>
    /// Top-level threads on one page of an article's conversation (a thread is never split across
    /// pages); 0 shows every comment on one page.
    /// </summary>
    public int ThreadsPerPage { get; set; } = 50;

    /// <summary>Readers arrive at the newest page of a long conversation (otherwise at the first, oldest page).</summary>
    public bool NewestPageFirst { get; set; } = true;

    /// <summary>Comments close this many days after publication; 0 keeps them open.</summary>
    public int CloseAfterDays { get; set; }

    /// <summary>Open when the article allows comments and, if a limit is set, it is young enough.</summary>
    public bool AreOpen(bool articleAllowsComments, DateTime publishedAt, DateTime now) =>
        articleAllowsComments && (ClosesAt(publishedAt) is not { } closes || now < closes);

    /// <summary>When comments on an article published at <paramref name="publishedAt"/> close by age; null when they never do.</summary>
    public DateTime? ClosesAt(DateTime publishedAt) => CloseAfterDays <= 0 ? null : publishedAt.AddDays(CloseAfterDays);
}
