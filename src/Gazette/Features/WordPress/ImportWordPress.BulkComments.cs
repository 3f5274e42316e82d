using Gazette.Features.Comments;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

public sealed partial class ImportWordPress
{
    /// <summary>
    /// Writes the batch's comments by <see cref="BulkInsert"/>: a big export has ten comments for every post,
    /// and the change tracker costs far more than the insert. Keys are taken first (PostgreSQL's sequence;
    /// on SQLite the batch's transaction holds the only write lock), so that replies can name their
    /// parents in the same statements; parents are written before their replies.
    /// </summary>
    private async Task InsertCommentsAsync(Batch batch, CancellationToken cancellationToken)
    {
        if (batch.Comments.Count == 0)
        {
            return;
        }
        var ids = await NewCommentIdsAsync(batch.Comments.Count, cancellationToken);
        for (var i = 0; i < batch.Comments.Count; i++)
        {
            var pending = batch.Comments[i];
            pending.Comment.Id = ids[i];
            if (pending.Article is { } article)
            {
                pending.Comment.ArticleId = article.Id;
            }
        }
        foreach (var pending in batch.Comments.Where(p => p.Parent is not null))
        {
            pending.Comment.ParentId = pending.Parent!.Comment.Id;
        }
        await BulkInsert.ExecuteAsync(db.Database, "Comments",
            ["Id", "ArticleId", "ParentId", "AuthorName", "AuthorEmail", "AuthorWebsite", "Text", "TextHtml", "Status", "Kind",
                "ModerationReason", "CreatedAt", "AvatarSeed", "AuthorIp"],
            batch.Comments.OrderBy(p => p.Depth).Select(p => p.Comment).Select(c => new object?[]
            {
                c.Id, c.ArticleId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.Text, CommentHtml.Of(c.Text), (int)c.Status, (int)c.Kind,
                c.ModerationReason, c.CreatedAt, c.AvatarSeed, c.AuthorIp,
            }),
            cancellationToken);
    }

    private async Task<List<int>> NewCommentIdsAsync(int count, CancellationToken cancellationToken)
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
}
