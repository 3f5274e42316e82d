using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Comments;

/// <summary>Where a reply goes in its thread, given the site's depth setting.</summary>
public static class ThreadPlacement
{
    /// <summary>
    /// The comment a reply to <paramref name="requestedParentId"/> should hang under: that comment,
    /// or, when the thread is already <paramref name="maxDepth"/> deep there, the ancestor that keeps
    /// the reply at the deepest allowed level (at least 2: replies always nest once). Null when the
    /// comment is not an approved one on the article.
    /// </summary>
    public static async Task<int?> ParentForReplyToAsync(
        GazetteDbContext db, int articleId, int requestedParentId, int maxDepth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One query for the article's thread structure; walking it in memory is cheap.
        var parents = await db.Comments
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved)
            .Select(c => new { c.Id, c.ParentId })
            .ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        if (!parents.ContainsKey(requestedParentId))
        {
            return null;
        }

        // The chain from the requested parent up to its thread's root.
        var chain = new List<int> { requestedParentId };
        while (parents.GetValueOrDefault(chain[^1]) is { } up && parents.ContainsKey(up) && !chain.Contains(up))
        {
            chain.Add(up);
        }
        // A top-level comment is at depth 1; a reply to a comment at depth d is at d + 1.
        var replyDepth = chain.Count + 1;
        var tooDeepBy = replyDepth - Math.Max(2, maxDepth);
        return tooDeepBy <= 0 ? requestedParentId : chain[Math.Min(tooDeepBy, chain.Count - 1)];
    }
}
