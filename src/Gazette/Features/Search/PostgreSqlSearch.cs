using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Search;

/// <summary>
/// Search on PostgreSQL through <c>Articles."SearchVector"</c>, a stored generated <c>tsvector</c>
/// (title weighted A, summary B, body text C) with a GIN index: see the FullTextSearch migration.
/// The database keeps it current on every write, however the row changes.
/// </summary>
internal static class PostgreSqlSearch
{
    /// <summary>The text search configuration of the column; the query must use the same one.</summary>
    private const string Configuration = "english";

    private static readonly string TitleOptions =
        $"HighlightAll=TRUE, StartSel={Highlights.StartText}, StopSel={Highlights.StopText}";

    private static readonly string SnippetOptions =
        $"MaxWords=40, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \", StartSel={Highlights.StartText}, StopSel={Highlights.StopText}";

    public static async Task<int> CountAsync(GazetteDbContext db, SearchQuery query, CancellationToken cancellationToken)
    {
        var tsquery = query.ToTsQuery();
        var counts = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM "Articles" AS a
            WHERE a."SearchVector" @@ to_tsquery({Configuration}::regconfig, {tsquery})
                AND a."Status" = {(int)ArticleStatus.Published} AND a."PublishedAt" IS NOT NULL
            """).ToListAsync(cancellationToken);
        return counts[0];
    }

    public static async Task<IReadOnlyList<SearchHit>> PageAsync(
        GazetteDbContext db, SearchQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        var tsquery = query.ToTsQuery();
        // The page is ranked and cut in the inner query, so ts_headline runs for its rows only.
        return await db.Database.SqlQuery<SearchHit>($"""
            WITH q AS (SELECT to_tsquery({Configuration}::regconfig, {tsquery}) AS query),
            hits AS (
                SELECT a."Id", ts_rank(a."SearchVector", q.query) AS "Rank", a."PublishedAt"
                FROM "Articles" AS a, q
                WHERE a."SearchVector" @@ q.query
                    AND a."Status" = {(int)ArticleStatus.Published} AND a."PublishedAt" IS NOT NULL
                ORDER BY "Rank" DESC, a."PublishedAt" DESC, a."Id" DESC
                LIMIT {take} OFFSET {skip})
            SELECT a."Id", a."Kind", a."Slug", a."PublishedAt",
                ts_headline({Configuration}::regconfig, a."Title", q.query, {TitleOptions}) AS "TitleMarked",
                ts_headline({Configuration}::regconfig, a."Summary", q.query, {SnippetOptions}) AS "SummaryMarked",
                ts_headline({Configuration}::regconfig, a."BodyText", q.query, {SnippetOptions}) AS "BodyMarked"
            FROM hits JOIN "Articles" AS a ON a."Id" = hits."Id", q
            ORDER BY hits."Rank" DESC, hits."PublishedAt" DESC, hits."Id" DESC
            """).ToListAsync(cancellationToken);
    }
}
