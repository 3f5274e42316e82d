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

/// <summary>The comments under an article and the "Leave a Reply" form.</summary>
public sealed record Conversation(
    string ArticleUrl, bool CommentsOpen, int Count, IReadOnlyList<CommentView> Threads,
    CommentForm Form, CommentView? ReplyTo, Notice Notice, string FormToken, int? JustPosted = null);
