using Gazette.Data;
using Gazette.Features.Spam;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Comments;

/// <summary>A moderator moves comments between pending, approved, spam and trash, one or many at once.</summary>
public sealed class ModerateComment(
    GazetteDbContext db, SpamScorer spamScorer, ReplyNotifications replyNotifications, PageCacheInvalidation cache,
    GazetteMetrics metrics)
{
    /// <summary>Where a comment was before a move, so that the move can be undone.</summary>
    public sealed record PreviousState(int Id, CommentStatus Status);

    /// <returns>The comments that moved, with the state each had before.</returns>
    public async Task<IReadOnlyList<PreviousState>> ExecuteAsync(
        IReadOnlyCollection<int> commentIds, CommentStatus to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commentIds);
        var before = await db.Comments
            .Where(c => commentIds.Contains(c.Id) && c.Status != to)
            .Select(c => new PreviousState(c.Id, c.Status))
            .ToListAsync(cancellationToken);
        var ids = before.Select(b => b.Id).ToList();
        await db.Comments.Where(c => ids.Contains(c.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, to), cancellationToken);
        metrics.CommentsModerated(before.Count, to);
        await EvictConversationsAsync(ids, cancellationToken);
        if (before.Count > 0)
        {
            // Marking spam or ham (or taking either back) is what the classifier learns from.
            spamScorer.RequestRetraining();
        }
        if (to == CommentStatus.Approved)
        {
            foreach (var moved in before.Where(b => b.Status != CommentStatus.Approved))
            {
                await replyNotifications.QueueReplyNoticeAsync(moved.Id, cancellationToken);
            }
        }
        return before;
    }

    /// <summary>
    /// Deletes trashed comments for good (only those in the trash). Their replies move up to the
    /// deleted comment's parent, so no thread loses its other comments.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> DeletePermanentlyAsync(IReadOnlyCollection<int> commentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commentIds);
        var doomed = await db.Comments.Where(c => commentIds.Contains(c.Id) && c.Status == CommentStatus.Trash)
            .Select(c => new { c.Id, c.ParentId }).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var comment in doomed)
        {
            await db.Comments.Where(c => c.ParentId == comment.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ParentId, comment.ParentId), cancellationToken);
        }
        var ids = doomed.Select(d => d.Id).ToList();
        await db.CommentRevisions.Where(r => ids.Contains(r.CommentId)).ExecuteDeleteAsync(cancellationToken);
        var articles = await ArticlesOfAsync(ids, cancellationToken);
        var deleted = await db.Comments.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.EvictAsync([CacheTags.Comments, .. articles.Select(CacheTags.Conversation)], cancellationToken);
        return deleted;
    }

    /// <summary>Puts each comment back where it was.</summary>
    public async Task UndoAsync(IReadOnlyList<PreviousState> moves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moves);
        foreach (var group in moves.GroupBy(m => m.Status))
        {
            var ids = group.Select(m => m.Id).ToList();
            await db.Comments.Where(c => ids.Contains(c.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, group.Key), cancellationToken);
        }
        await EvictConversationsAsync(moves.Select(m => m.Id).ToList(), cancellationToken);
        spamScorer.RequestRetraining();
    }

    private async Task EvictConversationsAsync(List<int> commentIds, CancellationToken cancellationToken)
    {
        if (commentIds.Count > 0)
        {
            var articles = await ArticlesOfAsync(commentIds, cancellationToken);
            await cache.EvictAsync([CacheTags.Comments, .. articles.Select(CacheTags.Conversation)], cancellationToken);
        }
    }

    private Task<List<int>> ArticlesOfAsync(List<int> commentIds, CancellationToken cancellationToken) =>
        db.Comments.Where(c => commentIds.Contains(c.Id)).Select(c => c.ArticleId).Distinct().ToListAsync(cancellationToken);
}
