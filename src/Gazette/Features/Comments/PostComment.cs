using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>A reader leaves a reply under an article.</summary>
public sealed class PostComment(
    GazetteDbContext db, IOptionsMonitor<CommentSettings> settings, CommentRateLimits rateLimits, Avatars avatars,
    ScreenComment screen, NotifyModerators notifyModerators, ReplyNotifications replyNotifications, TimeProvider clock,
    GazetteMetrics metrics)
{
    public enum Outcome
    {
        Approved,
        Held,

        /// <summary>Stored as spam, for a moderator to rescue; the reader is told, and may change it and send it again.</summary>
        Spam,
        CommentsClosed,
        ParentUnavailable,
        Duplicate,
        TooMany,
        FormUsed,
    }

    /// <summary>Why a comment was taken for spam, in the words a reader may be told.</summary>
    public enum SpamCause
    {
        None,
        TooFast,
        HiddenFieldFilled,
        Content,
    }

    // EditToken is for the posting browser only: it lets that browser edit or delete the comment for a while.
    public sealed record Result(Outcome Outcome, int? CommentId = null, string? EditToken = null, SpamCause Cause = SpamCause.None);

    /// <summary>
    /// Stores a validated comment in the state <see cref="ModerationPolicy"/> decides, with the
    /// reason. Spam is stored too, for a moderator to rescue; the reader is told it was not accepted as
    /// sent, and why in general terms, and may send it again (a comment in spam is no duplicate).
    /// <paramref name="formNonce"/> is the form token's (see <see cref="CommentFormToken"/>): a form posts once.
    /// </summary>
    public async Task<Result> ExecuteAsync(
        int articleId, bool commentsOpen, CommentForm form, string formNonce, IPAddress? remoteIp, CancellationToken cancellationToken,
        double? sentTooFastAfterSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!commentsOpen)
        {
            return new Result(Outcome.CommentsClosed);
        }
        int? parentId = null;
        if (form.ParentId is { } requested)
        {
            parentId = await ThreadPlacement.ParentForReplyToAsync(db, articleId, requested, settings.CurrentValue.ThreadDepth, cancellationToken);
            if (parentId is null)
            {
                return new Result(Outcome.ParentUnavailable);
            }
        }

        var name = form.Name!.Trim();
        var email = form.Email!.Trim().ToLowerInvariant();
        var website = string.IsNullOrWhiteSpace(form.Website) ? null : WebsiteSyntaxAttribute.Normalize(form.Website);
        var text = form.Text!.Trim();
        if (await db.Comments.AnyAsync(
            c => c.ArticleId == articleId && c.AuthorEmail == email && c.Text == text
                && c.Status != CommentStatus.Spam && c.Status != CommentStatus.Trash, cancellationToken))
        {
            return new Result(Outcome.Duplicate);
        }
        if (await FormUsedAsync(formNonce, cancellationToken))
        {
            return new Result(Outcome.FormUsed);
        }
        var network = IpAddresses.Truncate(remoteIp);
        if (!await rateLimits.TryTakeAsync(network, email))
        {
            return new Result(Outcome.TooMany);
        }
        var cause = (form.Homepage, sentTooFastAfterSeconds) switch
        {
            ({ Length: > 0 }, _) => SpamCause.HiddenFieldFilled,
            (_, not null) => SpamCause.TooFast,
            _ => SpamCause.Content,
        };
        var decision = (form.Homepage, sentTooFastAfterSeconds) switch
        {
            ({ Length: > 0 }, _) => new ModerationDecision(CommentStatus.Spam, "Filled in the hidden honeypot field that only robots see."),
            (_, { } seconds) => new ModerationDecision(CommentStatus.Spam, string.Create(CultureInfo.InvariantCulture,
                $"Sent {seconds:0} s after the form was served, quicker than a person types.")),
            _ => await screen.DecideAsync(name, email, website, text, remoteIp, cancellationToken),
        };

        var (token, tokenHash) = CommentOwnership.NewToken();
        var comment = new Comment
        {
            EditTokenHash = tokenHash,
            ArticleId = articleId,
            ParentId = parentId,
            AuthorName = name,
            AuthorEmail = email,
            AvatarSeed = await avatars.SeedForAsync(email, cancellationToken),
            AuthorWebsite = website,
            Text = text,
            Status = decision.Status,
            ModerationReason = decision.Reason,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            AuthorIp = network,
            FormNonce = formNonce,
        };
        db.Comments.Add(comment);
        if (comment.Status == CommentStatus.Pending)
        {
            // Queued in the same save as the comment: both are stored, or neither.
            await notifyModerators.QueueAsync(comment, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form posted twice at the same moment: the unique nonce lets one through.
            db.ChangeTracker.Clear();
            if (await FormUsedAsync(formNonce, cancellationToken))
            {
                return new Result(Outcome.FormUsed);
            }
            throw;
        }
        metrics.CommentPosted(comment.Status);
        if (form.NotifyReplies && comment.Status != CommentStatus.Spam)
        {
            await replyNotifications.RequestAsync(email, cancellationToken);
        }
        if (comment.Status == CommentStatus.Approved && comment.ParentId is not null)
        {
            await replyNotifications.QueueReplyNoticeAsync(comment.Id, cancellationToken);
        }
        return decision.Status switch
        {
            CommentStatus.Approved => new Result(Outcome.Approved, comment.Id, token),
            // No edit token: a comment in spam is not the reader's to change; they send it again.
            CommentStatus.Spam => new Result(Outcome.Spam, comment.Id, null, cause),
            _ => new Result(Outcome.Held, comment.Id, token),
        };
    }

    private Task<bool> FormUsedAsync(string formNonce, CancellationToken cancellationToken) =>
        db.Comments.AnyAsync(c => c.FormNonce == formNonce, cancellationToken);
}
