using System.Net;
using Gazette.Data;
using Gazette.Features.Spam;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>
/// Runs <see cref="ModerationPolicy"/> on a comment's words as they are now, with what the
/// policy needs from the database (has this name and email been approved before?) and the
/// classifier's score. A new comment and an edited one pass through here alike.
/// </summary>
public sealed class ScreenComment(GazetteDbContext db, IOptionsMonitor<CommentSettings> settings, SpamScorer spamScorer)
{
    public async Task<ModerationDecision> DecideAsync(
        string name, string email, string? website, string text, IPAddress? remoteIp, CancellationToken cancellationToken)
    {
        var approvedBefore = await db.Comments.AnyAsync(
            c => c.AuthorEmail == email && c.AuthorName == name && c.Status == CommentStatus.Approved, cancellationToken);
        // The rules read the words and link addresses a reader is shown ("<b>via</b>gra" is one word, a link
        // written as its own label one link); the classifier reads the text as stored, as it learns from stored text.
        return ModerationPolicy.Decide(
            new CommentCandidate(name, email, website, CommentText.ToPlainText(text), remoteIp, approvedBefore, spamScorer.Score(text)),
            settings.CurrentValue);
    }
}
