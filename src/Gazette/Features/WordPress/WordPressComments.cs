using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Features.Comments;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// The import's pass over each item's comments, with their threads at any depth, their states and kinds.
/// The address is kept as the comment form keeps it (truncated), and only if the comment is younger than
/// the retention period; the email only lower-cased, as the form stores it. A batch's comments are
/// written together, after its articles, by <see cref="InsertBatchAsync"/>.
/// </summary>
internal sealed class WordPressComments(GazetteDbContext db, Avatars avatars, int ipRetentionDays, ImportRun run, TimeProvider clock)
{
    private readonly List<PendingComment> _batch = [];

    /// <summary>How many comments wait in the batch, which is written once it holds enough.</summary>
    public int Waiting => _batch.Count;

    /// <summary>The item's comments, on the article made of it (saved with the batch) or on one an earlier run made.</summary>
    public async Task AddAsync(WxrItem item, Article? article, int? articleId, CancellationToken cancellationToken)
    {
        if (item.Comments.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var made = new Dictionary<string, PendingComment>(StringComparer.Ordinal);
        foreach (var source in item.Comments)
        {
            if (run.WasImported("comment", source.Id, out _))
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
                AuthorName = ImportText.Cut(WebUtility.HtmlDecode(source.Author).Trim() is { Length: > 0 } name ? name : "Anonymous", 100),
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
                AuthorIp = ipRetentionDays > 0 && created < now.AddDays(-ipRetentionDays) ? null
                    : IPAddress.TryParse(source.Ip, out var ip) ? IpAddresses.Truncate(ip) : null,
                ArticleId = articleId ?? 0,
            };
            var pending = new PendingComment(comment, article);
            made[source.Id] = pending;
            _batch.Add(pending);
            run.Map("comment", source.Id, () => comment.Id.ToString(CultureInfo.InvariantCulture));
            run.Report.Imported("comments");
        }
        Thread(item, made);
    }

    /// <summary>The item was not imported, nor are its comments.</summary>
    public void Skip(WxrItem item, string reason)
    {
        foreach (var comment in item.Comments)
        {
            run.Report.Skipped("comments", $"#{comment.Id} on item {item.Id}", reason);
        }
    }

    /// <summary>
    /// Writes the batch's comments by <see cref="BulkInsert"/>: a big export has ten comments for every post,
    /// and the change tracker costs far more than the insert. Keys are taken first (PostgreSQL's sequence;
    /// on SQLite the batch's transaction holds the only write lock), so that replies can name their
    /// parents in the same statements; parents are written before their replies.
    /// </summary>
    public async Task InsertBatchAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var ids = await NewIdsAsync(_batch.Count, cancellationToken);
        for (var i = 0; i < _batch.Count; i++)
        {
            var pending = _batch[i];
            pending.Comment.Id = ids[i];
            if (pending.Article is { } article)
            {
                pending.Comment.ArticleId = article.Id;
            }
        }
        foreach (var pending in _batch.Where(p => p.Parent is not null))
        {
            pending.Comment.ParentId = pending.Parent!.Comment.Id;
        }
        await BulkInsert.ExecuteAsync(db.Database, "Comments",
            ["Id", "ArticleId", "ParentId", "AuthorName", "AuthorEmail", "AuthorWebsite", "Text", "TextHtml", "Status", "Kind",
                "ModerationReason", "CreatedAt", "AvatarSeed", "AuthorIp"],
            _batch.OrderBy(p => p.Depth).Select(p => p.Comment).Select(c => new object?[]
            {
                c.Id, c.ArticleId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.Text, CommentHtml.Of(c.Text), (int)c.Status, (int)c.Kind,
                c.ModerationReason, c.CreatedAt, c.AvatarSeed, c.AuthorIp,
            }),
            cancellationToken);
        _batch.Clear();
    }

    /// <summary>Replies under their parents: in this item, or written by an earlier batch or run.</summary>
    private void Thread(WxrItem item, Dictionary<string, PendingComment> made)
    {
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
            else if (run.WasImported("comment", parent, out var local) && int.TryParse(local, CultureInfo.InvariantCulture, out var parentId))
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

    private async Task<List<int>> NewIdsAsync(int count, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var taken = await db.Database.SqlQueryRaw<long>(
                """SELECT nextval(pg_get_serial_sequence('"Comments"', 'Id')) AS "Value" FROM generate_series(1, {0})""", count)
                .ToListAsync(cancellationToken);
            return taken.Select(id => checked((int)id)).ToList();
        }
        var highest = await db.Database.SqlQueryRaw<long>("""SELECT COALESCE(MAX("Id"), 0) AS "Value" FROM "Comments" """)
            .SingleAsync(cancellationToken);
        var sequence = await db.Database.SqlQueryRaw<long>(
            """SELECT COALESCE(MAX("seq"), 0) AS "Value" FROM "sqlite_sequence" WHERE "name" = 'Comments'""").SingleAsync(cancellationToken);
        var first = checked((int)Math.Max(highest, sequence) + 1);
        return Enumerable.Range(first, count).ToList();
    }

    /// <summary>A comment waiting for its article's key, and its parent's, to be written.</summary>
    private sealed class PendingComment(Comment comment, Article? article)
    {
        public Comment Comment { get; } = comment;
        public Article? Article { get; } = article;
        public PendingComment? Parent { get; set; }

        public int Depth
        {
            get
            {
                var depth = 0;
                for (var parent = Parent; parent is not null; parent = parent.Parent)
                {
                    depth++;
                }
                return depth;
            }
        }
    }
}
