namespace Gazette.Data;

/// <summary>
/// What a member of staff last typed in the editor, saved every few seconds without touching
/// the article itself; offered back when they open the editor again (after closing the tab or
/// signing in again). One per user and article; <see cref="ArticleId"/> null for an article
/// not yet saved.
/// </summary>
public class ArticleAutosave
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public int? ArticleId { get; set; }

    /// <summary>The editor's fields as JSON.</summary>
    public string Content { get; set; } = "";
    public DateTime SavedAt { get; set; }
}
