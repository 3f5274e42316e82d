namespace Gazette.Data;

/// <summary>
/// A member of staff who wrote an article with its author (<see cref="Article.AuthorId"/>): named in
/// the byline after them, in the order of <see cref="Position"/>, and the article is in their archive too.
/// </summary>
public class ArticleCoAuthor
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }

    public string UserId { get; set; } = "";
    public StaffUser? User { get; set; }

    /// <summary>The place in the byline after the author, from 0.</summary>
    public int Position { get; set; }
}
