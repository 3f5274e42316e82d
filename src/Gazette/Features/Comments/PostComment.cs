using System.Net;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Comments;

/// <summary>A reader leaves a reply under an article.</summary>
public sealed class PostComment(GazetteDbContext db, TimeProvider clock)
{
    public enum Outcome
    {
        Approved,
        Pending,
        CommentsClosed,
        ParentUnavailable,
    }

    public sealed record Result(Outcome Outcome, int? CommentId = null);

    /// <summary>Stores a validated comment. Moderation policy: a commenter whose earlier comment
    /// (same name and email) was approved is approved at once; everyone else waits for a moderator.</summary>
    public async Task<Result> ExecuteAsync(
        int articleId, bool commentsOpen, CommentForm form, IPAddress? remoteIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!commentsOpen)
        {
            return new Result(Outcome.CommentsClosed);
        }
        if (form.ParentId is { } parentId
            && !await db.Comments.AnyAsync(
                c => c.Id == parentId && c.ArticleId == articleId && c.Status == CommentStatus.Approved, cancellationToken))
        {
            return new Result(Outcome.ParentUnavailable);
        }

        var name = form.Name!.Trim();
        var email = form.Email!.Trim().ToLowerInvariant();
        var knownCommenter = await db.Comments.AnyAsync(
            c => c.AuthorEmail == email && c.AuthorName == name && c.Status == CommentStatus.Approved, cancellationToken);

        var comment = new Comment
        {
            ArticleId = articleId,
            ParentId = form.ParentId,
            AuthorName = name,
            AuthorEmail = email,
            AuthorWebsite = string.IsNullOrWhiteSpace(form.Website) ? null : WebsiteSyntaxAttribute.Normalize(form.Website),
            Text = form.Text!.Trim(),
            Status = knownCommenter ? CommentStatus.Approved : CommentStatus.Pending,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            AuthorIp = IpAddresses.Truncate(remoteIp),
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return new Result(knownCommenter ? Outcome.Approved : Outcome.Pending, comment.Id);
    }
}
