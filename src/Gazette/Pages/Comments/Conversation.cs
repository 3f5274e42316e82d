using Gazette.Features.Comments;

namespace Gazette.Pages.Comments;

public enum Notice
{
    None,
    AwaitingModeration,
    Published,
    Closed,
    Edited,
    EditedAwaitingModeration,
    Deleted,
}

/// <summary>
/// The <c>notice</c> query values that bring a commenter back to the article after acting on a
/// comment. An address with one is personal: rendered for that browser, never cached.
/// </summary>
public static class CommentNotices
{
    public const string Posted = "posted";
    public const string Edited = "edited";
    public const string Deleted = "deleted";
}

/// <summary>The comments under an article (one page of them) and the "Leave a Reply" form.</summary>
public sealed record Conversation(
    string ArticleUrl, bool CommentsOpen, int Count, IReadOnlyList<CommentView> Threads,
    CommentForm Form, CommentView? ReplyTo, Notice Notice, string FormToken, int? JustPosted = null)
{
    public int ArticleId { get; init; }

    /// <summary>The reader's own comment awaiting moderation, shown to them alone (see the article page's notice).</summary>
    public CommentView? Pending { get; init; }
    public int PageNumber { get; init; } = 1;
    public int Pages { get; init; } = 1;
    public int DefaultPage { get; init; } = 1;

    /// <summary>The address of page <paramref name="number"/> of this conversation, at its start.</summary>
    public string PageUrl(int number) =>
        Gazette.Features.Articles.ArticleLinks.ConversationPage(ArticleUrl, number == DefaultPage ? null : number, "comments");
}
