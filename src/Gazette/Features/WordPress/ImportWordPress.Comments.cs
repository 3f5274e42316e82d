using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Features.Comments;

namespace Gazette.Features.WordPress;

public sealed partial class ImportWordPress
{
    /// <summary>
    /// The item's comments, with their threads at any depth, their states and kinds. The address is
    /// kept as the comment form keeps it (truncated), and only if the comment is younger than the
    /// retention period; the email only lower-cased, as the form stores it.
    /// </summary>
    private async Task ImportCommentsAsync(Run run, Batch batch, WxrItem item, Article? article, int? articleId, CancellationToken cancellationToken)
    {
        if (item.Comments.Count == 0)
        {
            return;
        }
        var days = commentSettings.CurrentValue.IpRetentionDays;
        var now = clock.GetUtcNow().UtcDateTime;
        var made = new Dictionary<string, PendingComment>(StringComparer.Ordinal);
        foreach (var source in item.Comments)
        {
            if (batch.Mapped.ContainsKey(("comment", source.Id)))
            {
                run.Report.Skipped("comments", $"#{source.Id} on item {item.Id}", "already imported");
                continue;
            }
            var email = (source.Email ?? "").Trim().ToLowerInvariant();
            // Only an address: exports may hold placeholders such as "(email address redacted)".
            email = email.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email ? email : "";
            var text = CommentText.FromHtml(source.Content);
            if (text.Length > 10_000)
            {
                run.Report.Warn($"comments: #{source.Id} on item {item.Id}: longer than 10,000 characters, cut");
                text = text[..10_000];
            }
            var created = source.Date ?? article?.PublishedAt ?? now;
            var comment = new Comment
            {
                // WordPress keeps entities in names (pingbacks' "Title &laquo; Site"): decoded, as the page encodes them.
                AuthorName = Cut(WebUtility.HtmlDecode(source.Author).Trim() is { Length: > 0 } name ? name : "Anonymous", 100),
                AuthorEmail = email,
                AuthorWebsite = source.Url is { } url && WebsiteSyntaxAttribute.Normalize(url) is { Length: <= 500 } site ? site : null,
                AvatarSeed = await avatars.SeedForAsync(email.Length > 0 ? email : source.Author, cancellationToken),
                Text = text,
                Status = source.Approved switch
                {
                    "1" or "approve" => CommentStatus.Approved,
                    "spam" => CommentStatus.Spam,
                    "trash" or "post-trashed" => CommentStatus.Trash,
                    _ => CommentStatus.Pending,
                },
                Kind = source.Type switch
                {
                    "pingback" => CommentKind.Pingback,
                    "trackback" => CommentKind.Trackback,
                    _ => CommentKind.Comment,
                },
                ModerationReason = "Imported from WordPress.",
                CreatedAt = created,
                AuthorIp = days > 0 && created < now.AddDays(-days) ? null
                    : IPAddress.TryParse(source.Ip, out var ip) ? IpAddresses.Truncate(ip) : null,
                ArticleId = articleId ?? 0,
            };
            var pending = new PendingComment(source.Id, comment, article);
            made[source.Id] = pending;
            batch.Comments.Add(pending);
            run.Map("comment", source.Id, () => comment.Id.ToString(CultureInfo.InvariantCulture));
            run.Report.Imported("comments");
        }
        var parents = item.Comments.ToDictionary(c => c.Id, c => c.Parent, StringComparer.Ordinal);
        foreach (var (id, pending) in made)
        {
            var parent = parents[id];
            if (parent is "" or "0")
            {
                continue;
            }
            if (made.TryGetValue(parent, out var parentComment))
            {
                if (InCycle(id, parents))
                {
                    run.Report.Warn($"comments: #{id} on item {item.Id}: its replies form a loop; shown at the top level");
                }
                else
                {
                    pending.Parent = parentComment;
                }
            }
            else if (batch.Mapped.TryGetValue(("comment", parent), out var local) && int.TryParse(local, CultureInfo.InvariantCulture, out var parentId))
            {
                pending.Comment.ParentId = parentId;
            }
            else
            {
                run.Report.Warn($"comments: #{id} on item {item.Id}: replies to comment {parent}, not in the export; shown at the top level");
            }
        }
    }

    private static bool InCycle(string id, Dictionary<string, string> parents)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        for (var current = parents.GetValueOrDefault(id); current is not null and not "" and not "0"; current = parents.GetValueOrDefault(current))
        {
            if (!seen.Add(current))
            {
                return true;
            }
        }
        return false;
    }

    private static void SkipComments(Run run, WxrItem item, string reason)
    {
        foreach (var comment in item.Comments)
        {
            run.Report.Skipped("comments", $"#{comment.Id} on item {item.Id}", reason);
        }
    }
}
