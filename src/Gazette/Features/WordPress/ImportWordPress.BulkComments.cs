using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

public sealed partial class ImportWordPress
{
    private const int CommentsPerInsert = 250;

    /// <summary>
    /// Writes the batch's comments in multi-row inserts: a big export has ten comments for every post,
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
        foreach (var chunk in batch.Comments.OrderBy(p => p.Depth).Select(p => p.Comment).Chunk(CommentsPerInsert))
        {
            var sql = new StringBuilder("""
                INSERT INTO "Comments" ("Id", "ArticleId", "ParentId", "AuthorName", "AuthorEmail", "AuthorWebsite", "Text", "Status", "Kind",
                "ModerationReason", "CreatedAt", "AvatarSeed", "AuthorIp") VALUES
                """);
            var values = new List<object>(chunk.Length * 13);
            var first = true;
            foreach (var c in chunk)
            {
                sql.Append(first ? " (" : ", (");
                first = false;
                object?[] row = [c.Id, c.ArticleId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.Text, (int)c.Status, (int)c.Kind,
                    c.ModerationReason, c.CreatedAt, c.AvatarSeed, c.AuthorIp];
                for (var column = 0; column < row.Length; column++)
                {
                    sql.Append(column == 0 ? "" : ", ");
                    // A null is written as NULL: a parameter needs a type, and a null has none.
                    if (row[column] is { } value)
                    {
                        sql.Append('{').Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
                        values.Add(value);
                    }
                    else
                    {
                        sql.Append("NULL");
                    }
                }
                sql.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, cancellationToken);
        }
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
