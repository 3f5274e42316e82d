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
        // ORDER BY rank alone (with the weights given through "rank MATCH") lets FTS5 sort by itself,
        // so SQLite computes highlight() and snippet() only for the rows it returns, not for every
        // match. Equal ranks keep FTS5's order, by rowid. The status check again is belt and braces.
        return await db.Database.SqlQuery<SearchHit>($"""
            SELECT a.Id, a.Kind, a.Slug, a.PublishedAt,
                highlight(ArticleSearch, 0, {Highlights.StartText}, {Highlights.StopText}) AS TitleMarked,
                snippet(ArticleSearch, 1, {Highlights.StartText}, {Highlights.StopText}, '…', 40) AS SummaryMarked,
                snippet(ArticleSearch, 2, {Highlights.StartText}, {Highlights.StopText}, '…', 40) AS BodyMarked
            FROM ArticleSearch JOIN Articles AS a ON a.Id = ArticleSearch.rowid
            WHERE ArticleSearch MATCH {match} AND ArticleSearch.rank MATCH 'bm25(10.0, 4.0, 1.0)'
                AND a.Status = {(int)ArticleStatus.Published} AND a.PublishedAt IS NOT NULL
            ORDER BY ArticleSearch.rank
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);
    }
}
