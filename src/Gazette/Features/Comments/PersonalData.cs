using System.Security.Cryptography;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Mail;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>
/// A commenter's right to see and to erase what the site keeps about their email. The request
/// only sends a signed link to that address (the page never says whether anything is stored),
/// so nobody can read or erase someone else's data.
/// </summary>
public sealed class PersonalData(
    GazetteDbContext db, Outbox outbox, IDataProtectionProvider protection, IOptionsMonitor<CommentSettings> settings,
    SiteAddress site, PageCacheInvalidation cache)
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(2);

    private readonly ITimeLimitedDataProtector _tokens =
        protection.CreateProtector("Gazette.Comments.PersonalData.v1").ToTimeLimitedDataProtector();

    public sealed record Export(string Email, IReadOnlyList<ExportedComment> Comments, bool RepliesSubscription);

    public sealed record ExportedComment(
        int Id, string Article, string? ArticleUrl, string Name, string? Website, string Text, string Status,
        DateTime CreatedAt, DateTime? EditedAt, string? Ip, IReadOnlyList<string> EarlierTexts);

    /// <summary>Queues the email with the export and erase links. Saves.</summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken)
    {
        email = email.Trim().ToLowerInvariant();
        var token = _tokens.Protect(email, LinkLifetime);
        var baseUrl = site.Base;
        var query = "?t=" + Uri.EscapeDataString(token);
        outbox.Enqueue(email, "Your comments: a copy, or erasure", $"""
            Someone, we hope you, asked what this site keeps about {email}.

            Download a copy (JSON): {baseUrl}/comments/my-data/export{query}
            Erase it: {baseUrl}/comments/my-data/erase{query}

            The links work for two days. If you did not ask, ignore this message: nothing changes.
            """);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The email a link was made for, or null when it is forged or expired.</summary>
    public string? EmailFor(string? token)
    {
        try
        {
            return _tokens.Unprotect(token ?? "");
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task<Export> ExportAsync(string email, CancellationToken cancellationToken)
    {
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.AuthorEmail == email)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new
            {
                c.Id, c.Article!.Title, c.Article.Kind, c.Article.Slug, c.Article.PublishedAt, c.AuthorName, c.AuthorWebsite, c.Text, c.Status,
                c.CreatedAt, c.EditedAt, c.AuthorIp, Earlier = c.Revisions.OrderBy(r => r.ReplacedAt).Select(r => r.Text).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var subscribed = await db.ReplySubscriptions.AnyAsync(s => s.Email == email, cancellationToken);
        return new Export(email, comments.Select(c => new ExportedComment(
            c.Id, c.Title, c.PublishedAt is { } published ? ArticleLinks.Of(c.Kind, published, c.Slug) : null, c.AuthorName,
            c.AuthorWebsite, c.Text, c.Status.ToString(), c.CreatedAt, c.EditedAt, c.AuthorIp, c.Earlier)).ToList(), subscribed);
    }

    /// <summary>
    /// Removes the personal data: name, email, website, address, avatar seed, edit history, the
    /// reply subscription and unsent mail. The comment text stays, signed "Anonymous", unless
    /// <see cref="CommentSettings.ErasureRemovesText"/> says to remove it too.
    /// </summary>
    /// <returns>How many comments were anonymised.</returns>
    public async Task<int> EraseAsync(string email, CancellationToken cancellationToken)
    {
        var removeText = settings.CurrentValue.ErasureRemovesText;
        const string Removed = "[Removed at the author's request.]";
        var removedHtml = CommentHtml.Of(Removed);
        var comments = await db.Comments.Where(c => c.AuthorEmail == email).Select(c => new { c.Id, c.ArticleId }).ToListAsync(cancellationToken);
        var ids = comments.Select(c => c.Id).ToList();
        await db.CommentRevisions.Where(r => ids.Contains(r.CommentId)).ExecuteDeleteAsync(cancellationToken);
        var erased = await db.Comments.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.AuthorName, "Anonymous")
            .SetProperty(c => c.AuthorEmail, "")
            .SetProperty(c => c.AuthorWebsite, (string?)null)
            .SetProperty(c => c.AuthorIp, (string?)null)
            .SetProperty(c => c.AvatarSeed, (string?)null)
            .SetProperty(c => c.EditTokenHash, (string?)null)
            .SetProperty(c => c.Text, c => removeText ? Removed : c.Text)
            .SetProperty(c => c.TextHtml, c => removeText ? removedHtml : c.TextHtml), cancellationToken);
        await db.ReplySubscriptions.Where(s => s.Email == email).ExecuteDeleteAsync(cancellationToken);
        await db.Outbox.Where(m => m.To == email && m.SentAt == null).ExecuteDeleteAsync(cancellationToken);
        await cache.EvictAsync([CacheTags.Comments, .. comments.Select(c => CacheTags.Conversation(c.ArticleId))], cancellationToken);
        return erased;
    }
}
