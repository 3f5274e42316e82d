namespace Gazette.Data;

public enum CommentStatus
{
    Pending = 0,
    Approved = 1,
    Spam = 2,
    Trash = 3,
}

/// <summary>What a comment is: a reader's reply, or a notice that another site linked to the article.</summary>
public enum CommentKind
{
    Comment = 0,

    /// <summary>A WordPress pingback: another site's automatic notice that it linked here.</summary>
    Pingback = 1,

    /// <summary>A trackback: a notice another site sent by hand, with an excerpt.</summary>
    Trackback = 2,
}

public class Comment
{
    public int Id { get; set; }

    public int ArticleId { get; set; }
    public Article? Article { get; set; }

    public int? ParentId { get; set; }
    public Comment? Parent { get; set; }

    public string AuthorName { get; set; } = "";

    /// <summary>Stored trimmed and lower-cased; never shown in any public response.</summary>
    public string AuthorEmail { get; set; } = "";

    public string? AuthorWebsite { get; set; }
    public string Text { get; set; } = "";

    /// <summary>
    /// <see cref="Text"/> as the page shows it (paragraphs, line breaks, everything else encoded),
    /// derived when the text is saved; null on rows written before it existed, which are rendered
    /// from the text instead.
    /// </summary>
    public string? TextHtml { get; set; }

    public CommentStatus Status { get; set; }

    /// <summary>A reader's comment, or a pingback or trackback (brought in from WordPress).</summary>
    public CommentKind Kind { get; set; }

    /// <summary>Why the comment got its first state, for moderators.</summary>
    public string? ModerationReason { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// A keyed hash of the email (HMAC with a site secret), from which the drawn avatar is chosen:
    /// the same commenter gets the same avatar, and nobody outside can match it to an address.
    /// </summary>
    public string? AvatarSeed { get; set; }

    /// <summary>
    /// SHA-256 of the random token given to the commenter's browser, which lets that browser edit
    /// or delete the comment for a while. The token itself is never stored.
    /// </summary>
    public string? EditTokenHash { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>The random part of the form token it was posted with: each served form posts one comment.</summary>
    public string? FormNonce { get; set; }

    public ICollection<CommentRevision> Revisions { get; } = [];

    /// <summary>The commenter's address with the host part zeroed (IPv4 /24, IPv6 /48).</summary>
    public string? AuthorIp { get; set; }
}
