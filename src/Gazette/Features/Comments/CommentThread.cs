namespace Gazette.Features.Comments;

/// <summary>An approved comment as readers see it: no email, no address.</summary>
public sealed record CommentView(
    int Id, int? ParentId, string AuthorName, string? AuthorWebsite, string Text, DateTime CreatedAt, string? AvatarSeed = null, string? TextHtml = null)
{
    /// <summary>The text as HTML: as stored when it was saved, or rendered now for an older row.</summary>
    public Microsoft.AspNetCore.Html.IHtmlContent Html => TextHtml is { } stored ? new Microsoft.AspNetCore.Html.HtmlString(stored) : CommentText.ToHtml(Text);

    public List<CommentView> Replies { get; } = [];
}

public static class CommentThread
{
    /// <summary>
    /// Arranges comments (oldest first) into threads. A reply whose parent is not shown
    /// (still pending, or removed) is shown at the top level rather than lost.
    /// </summary>
    public static IReadOnlyList<CommentView> Build(IReadOnlyList<CommentView> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var byId = comments.ToDictionary(c => c.Id);
        var roots = new List<CommentView>();
        foreach (var comment in comments)
        {
            if (comment.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) && parent != comment)
            {
                parent.Replies.Add(comment);
            }
            else
            {
                roots.Add(comment);
            }
        }
        return roots;
    }
}
