using System.Net;
using Gazette.Data;

namespace Gazette.Features.Comments;

/// <summary>
/// A commenter changes their own comment's words (the page has checked it is theirs and the
/// window is open). The old words are kept for moderators, and the new ones go through the
/// moderation policy as a new comment's would: an approved comment edited into spam, or past the
/// link limit, leaves the page and waits in the queue with the reason.
/// </summary>
public sealed class EditComment(GazetteDbContext db, ScreenComment screen, NotifyModerators notifyModerators, TimeProvider clock)
{
    /// <returns>The comment's state after the edit.</returns>
    public async Task<CommentStatus> ExecuteAsync(Comment comment, string newText, IPAddress? remoteIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(newText);
        var text = newText.Trim();
        if (text == comment.Text)
        {
            return comment.Status;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.CommentRevisions.Add(new CommentRevision { CommentId = comment.Id, Text = comment.Text, ReplacedAt = now });
        comment.Text = text;
        comment.EditedAt = now;
        // Spam stays where a moderator can look at it. An edit can only make things stricter: it
        // never releases a held comment, which a moderator may be keeping back on purpose.
        if (comment.Status is CommentStatus.Approved or CommentStatus.Pending)
        {
            var decision = await screen.DecideAsync(
                comment.AuthorName, comment.AuthorEmail, comment.AuthorWebsite, text, remoteIp, cancellationToken);
            if (Strictness(decision.Status) > Strictness(comment.Status))
            {
                var wasShown = comment.Status == CommentStatus.Approved;
                comment.Status = decision.Status;
                comment.ModerationReason = (wasShown ? "Edited after it was approved. " : "Edited. ") + decision.Reason;
                if (decision.Status == CommentStatus.Pending)
                {
                    await notifyModerators.QueueAsync(comment, cancellationToken);
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return comment.Status;
    }

    private static int Strictness(CommentStatus status) => status switch
    {
        CommentStatus.Approved => 0,
        CommentStatus.Pending => 1,
        _ => 2,
    };
}
