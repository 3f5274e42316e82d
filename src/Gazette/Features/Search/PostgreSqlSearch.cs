using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Search;

/// <summary>
/// Search on PostgreSQL through <c>Articles."SearchVector"</c>, a stored generated <c>tsvector</c>
/// (title weighted A, summary B, body text C) with a GIN index: see the FullTextSearch migration.
/// The database keeps it current on every write, however the row changes. A password-protected
/// article is found and shown by its title alone (see the ArticlePasswords migration).
/// </summary>
internal sealed class PostgreSqlSearch(GazetteDbContext db) : ISearchIndex
{
    /// <summary>The text search configuration of the column; the query must use the same one.</summary>
    private const string Configuration = "english";

    private static readonly string TitleOptions =
        $"HighlightAll=TRUE, StartSel={Highlights.StartText}, StopSel={Highlights.StopText}";

    private static readonly string SnippetOptions =
        $"MaxWords=40, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \", StartSel={Highlights.StartText}, StopSel={Highlights.StopText}";

    public async Task<int> CountAsync(SearchQuery query, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM "Articles" AS a
            WHERE a."SearchVector" @@ to_tsquery({Configuration}::regconfig, {query.ToTsQuery()})
                AND a."Status" = {(int)ArticleStatus.Published} AND a."PublishedAt" IS NOT NULL
            """).ToListAsync(cancellationToken))[0];

    public async Task<int?> NewestIdAsync(SearchQuery query, int skip, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"""
            SELECT a."Id" AS "Value"
            FROM "Articles" AS a
            WHERE a."SearchVector" @@ to_tsquery({Configuration}::regconfig, {query.ToTsQuery()})
                AND a."Status" = {(int)ArticleStatus.Published} AND a."PublishedAt" IS NOT NULL
            ORDER BY a."Id" DESC LIMIT 1 OFFSET {skip}
            """).ToListAsync(cancellationToken)).Cast<int?>().FirstOrDefault();

    public Task<List<int>> RankedIdsAsync(SearchQuery query, int fromId, int skip, int take, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            WITH q AS (SELECT to_tsquery({Configuration}::regconfig, {query.ToTsQuery()}) AS query)
            SELECT a."Id" AS "Value"
            FROM "Articles" AS a, q
            WHERE a."SearchVector" @@ q.query AND a."Id" >= {fromId}
                AND a."Status" = {(int)ArticleStatus.Published} AND a."PublishedAt" IS NOT NULL
            ORDER BY ts_rank(a."SearchVector", q.query) DESC, a."Id" DESC
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);

    public Task<List<int>> OlderIdsAsync(SearchQuery query, int belowId, int skip, int take, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT a."Id" AS "Value"
            FROM "Articles" AS a
            WHERE a."SearchVector" @@ to_tsquery({Configuration}::regconfig, {query.ToTsQuery()}) AND a."Id" < {belowId}
                AND a."Status" = {(int)ArticleStatus.Published} AND a."PublishedAt" IS NOT NULL
            ORDER BY a."Id" DESC
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);

    public Task<List<SearchHit>> MarkedAsync(SearchQuery query, IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<SearchHit>($"""
            WITH q AS (SELECT to_tsquery({Configuration}::regconfig, {query.ToTsQuery()}) AS query)
            SELECT a."Id", a."Kind", a."Slug", a."PublishedAt", a."Password" IS NOT NULL AS "IsProtected",
                ts_headline({Configuration}::regconfig, a."Title", q.query, {TitleOptions}) AS "TitleMarked",
                ts_headline({Configuration}::regconfig, CASE WHEN a."Password" IS NULL THEN a."Summary" ELSE '' END, q.query, {SnippetOptions}) AS "SummaryMarked",
                ts_headline({Configuration}::regconfig, CASE WHEN a."Password" IS NULL THEN a."BodyText" ELSE '' END, q.query, {SnippetOptions}) AS "BodyMarked"
            FROM "Articles" AS a, q
            WHERE a."Id" = ANY({ids.ToArray()})
                AND a."Status" = {(int)ArticleStatus.Published} AND a."PublishedAt" IS NOT NULL
            """).ToListAsync(cancellationToken);
}
