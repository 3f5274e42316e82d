namespace Gazette.Data;

public enum CommentStatus
{
    Pending = 0,
    Approved = 1,
    Spam = 2,
    Trash = 3,
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
    public CommentStatus Status { get; set; }

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

    public ICollection<CommentRevision> Revisions { get; } = [];

    /// <summary>The commenter's address with the host part zeroed (IPv4 /24, IPv6 /48).</summary>
    public string? AuthorIp { get; set; }
}
