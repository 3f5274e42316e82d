using Gazette.Data;
using Gazette.Features.Mail;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>Tells the site's moderators, by email through the outbox, that a comment awaits them.</summary>
public sealed class NotifyModerators(GazetteDbContext db, Outbox outbox, IOptionsMonitor<CommentSettings> settings, SiteAddress site)
{
    /// <summary>Queues the emails on the context; they are stored with the caller's next save.</summary>
    public async Task QueueAsync(Comment comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (!settings.CurrentValue.NotifyModerators)
        {
            return;
        }
        var moderatorRoles = db.Roles.Where(r => r.Name == StaffRoles.Administrator || r.Name == StaffRoles.Editor).Select(r => r.Id);
        var emails = await db.Users
            .Where(u => u.Email != null && !u.Email.EndsWith(".invalid")
                && db.UserRoles.Any(ur => ur.UserId == u.Id && moderatorRoles.Contains(ur.RoleId)))
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        if (emails.Count == 0)
        {
            return;
        }
        var title = await db.Articles.Where(a => a.Id == comment.ArticleId).Select(a => a.Title).SingleAsync(cancellationToken);
        var queue = site.Base + "/admin/comments";
        var body = $"""
            {comment.AuthorName} commented on "{title}", and the comment is waiting for moderation.

            {CommentText.ToPlainText(comment.Text)}

            Why it waits: {comment.ModerationReason}

            Approve, mark as spam or trash it in the moderation queue: {queue}
            """;
        foreach (var email in emails)
        {
            outbox.Enqueue(email, $"Comment awaiting moderation: {title}", body);
        }
    }
}
