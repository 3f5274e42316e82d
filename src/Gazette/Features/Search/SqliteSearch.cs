using System.Text.Json;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Search;

/// <summary>
/// Search on SQLite through <c>ArticleSearch</c>, an FTS5 table over the Title, Summary and BodyText
/// of published articles and pages (external content read from the view <c>PublishedArticleText</c>,
/// kept in step by triggers on <c>Articles</c>: see the FullTextSearch migration). Since the index
/// holds nothing else, counting, ranking and walking by id read the index alone; only the page's
/// rows are marked up and joined to the table. A password-protected article is indexed by its title
/// alone (see the ArticlePasswords migration).
/// </summary>
internal sealed class SqliteSearch(GazetteDbContext db) : ISearchIndex
{
    public async Task<int> CountAsync(SearchQuery query, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"""
            SELECT COUNT(*) AS "Value" FROM ArticleSearch WHERE ArticleSearch MATCH {query.ToFts5()}
            """).ToListAsync(cancellationToken))[0];

    public async Task<int?> NewestIdAsync(SearchQuery query, int skip, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"""
            SELECT rowid AS "Value" FROM ArticleSearch WHERE ArticleSearch MATCH {query.ToFts5()}
            ORDER BY rowid DESC LIMIT 1 OFFSET {skip}
            """).ToListAsync(cancellationToken)).Cast<int?>().FirstOrDefault();

    /// <remarks>A title match counts ten times a body match, a summary match four times (bm25: lower is better).</remarks>
    public Task<List<int>> RankedIdsAsync(SearchQuery query, int fromId, int skip, int take, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT rowid AS "Value" FROM ArticleSearch
            WHERE ArticleSearch MATCH {query.ToFts5()} AND rowid >= {fromId}
            ORDER BY bm25(ArticleSearch, 10.0, 4.0, 1.0), rowid DESC
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);

    public Task<List<int>> OlderIdsAsync(SearchQuery query, int belowId, int skip, int take, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT rowid AS "Value" FROM ArticleSearch
            WHERE ArticleSearch MATCH {query.ToFts5()} AND rowid < {belowId}
            ORDER BY rowid DESC
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);

    public Task<List<SearchHit>> MarkedAsync(SearchQuery query, IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        // The status check again is belt and braces: the index holds published articles only.
        db.Database.SqlQuery<SearchHit>($"""
            SELECT a.Id, a.Kind, a.Slug, a.PublishedAt, a.Password IS NOT NULL AS IsProtected,
                highlight(ArticleSearch, 0, {Highlights.StartText}, {Highlights.StopText}) AS TitleMarked,
                snippet(ArticleSearch, 1, {Highlights.StartText}, {Highlights.StopText}, '…', 40) AS SummaryMarked,
                snippet(ArticleSearch, 2, {Highlights.StartText}, {Highlights.StopText}, '…', 40) AS BodyMarked
            FROM ArticleSearch JOIN Articles AS a ON a.Id = ArticleSearch.rowid
            WHERE ArticleSearch MATCH {query.ToFts5()}
                AND ArticleSearch.rowid IN (SELECT value FROM json_each({JsonSerializer.Serialize(ids)}))
                AND a.Status = {(int)ArticleStatus.Published} AND a.PublishedAt IS NOT NULL
            """).ToListAsync(cancellationToken);
}
