namespace Gazette.Data;

/// <summary>A comment's text as it was before its author edited it, kept for moderators.</summary>
public class CommentRevision
{
    public int Id { get; set; }
    public int CommentId { get; set; }
    public Comment? Comment { get; set; }
    public string Text { get; set; } = "";

    /// <summary>When this text was replaced.</summary>
    public DateTime ReplacedAt { get; set; }
}
