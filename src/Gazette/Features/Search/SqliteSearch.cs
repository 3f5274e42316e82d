using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Search;

/// <summary>
/// Search on SQLite through <c>ArticleSearch</c>, an FTS5 table over the Title, Summary and BodyText
/// of published articles and pages (external content read from the view <c>PublishedArticleText</c>,
/// kept in step by triggers on <c>Articles</c>: see the FullTextSearch migration). Since the index
/// holds nothing else, counting and ranking read the index alone; only the page's rows join the table.
/// </summary>
internal static class SqliteSearch
{
    public static async Task<int> CountAsync(GazetteDbContext db, SearchQuery query, CancellationToken cancellationToken)
    {
        var match = query.ToFts5();
        var counts = await db.Database.SqlQuery<int>($"""
            SELECT COUNT(*) AS "Value" FROM ArticleSearch WHERE ArticleSearch MATCH {match}
            """).ToListAsync(cancellationToken);
        return counts[0];
    }

    public static async Task<IReadOnlyList<SearchHit>> PageAsync(
        GazetteDbContext db, SearchQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        var match = query.ToFts5();
        // Rank first, then mark up only the page's rows: snippet() over every match would cost
        // as much as reading every matching article. Among equal ranks, the newer article first.
        var ids = await db.Database.SqlQuery<int>($"""
            SELECT rowid AS "Value" FROM ArticleSearch WHERE ArticleSearch MATCH {match}
            ORDER BY bm25(ArticleSearch, 10.0, 4.0, 1.0), rowid DESC
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }
        var idList = "[" + string.Join(',', ids) + "]";
        // The status check again: an article unpublished between the two queries stays out.
        var hits = await db.Database.SqlQuery<SearchHit>($"""
            SELECT a.Id, a.Kind, a.Slug, a.PublishedAt,
                highlight(ArticleSearch, 0, {Highlights.StartText}, {Highlights.StopText}) AS TitleMarked,
                snippet(ArticleSearch, 1, {Highlights.StartText}, {Highlights.StopText}, '…', 40) AS SummaryMarked,
                snippet(ArticleSearch, 2, {Highlights.StartText}, {Highlights.StopText}, '…', 40) AS BodyMarked
            FROM ArticleSearch JOIN Articles AS a ON a.Id = ArticleSearch.rowid
            WHERE ArticleSearch MATCH {match} AND ArticleSearch.rowid IN (SELECT value FROM json_each({idList}))
                AND a.Status = {(int)ArticleStatus.Published} AND a.PublishedAt IS NOT NULL
            """).ToListAsync(cancellationToken);
        return [.. hits.OrderBy(h => ids.IndexOf(h.Id))];
    }
}
