using System.Globalization;
using System.Security.Cryptography;
using Gazette.Data;
using Gazette.Features.Mail;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Comments;

/// <summary>
/// "Notify me of replies": a commenter who ticks it gets an email to confirm (double opt-in);
/// once confirmed, each approved reply to one of their comments is emailed to them, with a
/// one-click unsubscribe link (also sent as List-Unsubscribe). Links carry signed tokens, so
/// nothing secret is stored.
/// </summary>
public sealed class ReplyNotifications(
    GazetteDbContext db, Outbox outbox, IDataProtectionProvider protection, SiteAddress site, TimeProvider clock)
{
    private static readonly TimeSpan ConfirmWithin = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _tokens =
        protection.CreateProtector("Gazette.Comments.ReplySubscription.v1").ToTimeLimitedDataProtector();

    /// <summary>Asks <paramref name="email"/> to confirm, unless replies already reach it. Saves.</summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken)
    {
        var subscription = await db.ReplySubscriptions.SingleOrDefaultAsync(s => s.Email == email, cancellationToken);
        if (subscription is { IsActive: true })
        {
            return;
        }
        if (subscription is null)
        {
            subscription = new ReplySubscription { Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.ReplySubscriptions.Add(subscription);
            await db.SaveChangesAsync(cancellationToken);
        }
        var link = Link("confirm", _tokens.Protect(Payload("confirm", subscription.Id), ConfirmWithin));
        outbox.Enqueue(email, "Please confirm: email me when someone replies", $"""
            You asked to be told by email when someone replies to your comments.

            To confirm, open this link within seven days: {link}

            If this was not you, ignore this message: nothing will be sent.
            """);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Queues the email about an approved reply to its parent comment's author, if they subscribed.</summary>
    public async Task QueueReplyNoticeAsync(int replyId, CancellationToken cancellationToken)
    {
        var found = await db.Comments.AsNoTracking()
            .Where(c => c.Id == replyId && c.Status == CommentStatus.Approved && c.Parent != null)
            .Select(c => new { c.AuthorName, c.AuthorEmail, c.Text, ParentEmail = c.Parent!.AuthorEmail, c.Article!.Title, c.Article.Slug, c.Article.PublishedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.ParentEmail == found.AuthorEmail || found.PublishedAt is null)
        {
            return;
        }
        var subscription = await db.ReplySubscriptions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Email == found.ParentEmail && s.ConfirmedAt != null && s.UnsubscribedAt == null, cancellationToken);
        if (subscription is null)
        {
            return;
        }
        var unsubscribe = Link("unsubscribe", _tokens.Protect(Payload("unsubscribe", subscription.Id), TimeSpan.FromDays(3650)));
        // The comment's lasting address: it finds the conversation page (and works for static pages too).
        var article = site.Base + Articles.ArticleLinks.Comment(replyId);
        outbox.Enqueue(found.ParentEmail, $"{found.AuthorName} replied to your comment on \"{found.Title}\"", $"""
            {found.AuthorName} replied to your comment on "{found.Title}":

            {CommentText.ToPlainText(found.Text)}

            Read the conversation: {article}

            Stop these emails with one click: {unsubscribe}
            """, unsubscribe);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Applies a confirm or unsubscribe link; false when the token is not valid for it.</summary>
    public async Task<bool> ApplyAsync(string action, string? token, CancellationToken cancellationToken)
    {
        if (Read(action, token) is not { } id
            || await db.ReplySubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (action == "confirm")
        {
            (subscription.ConfirmedAt, subscription.UnsubscribedAt) = (now, null);
        }
        else
        {
            subscription.UnsubscribedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private int? Read(string action, string? token)
    {
        try
        {
            var parts = _tokens.Unprotect(token ?? "").Split(':');
            return parts.Length == 2 && parts[0] == action && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Payload(string action, int id) => string.Create(CultureInfo.InvariantCulture, $"{action}:{id}");

    private string Link(string action, string token) => $"{site.Base}/comments/replies/{action}?t={Uri.EscapeDataString(token)}";
}
