using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Search;

/// <summary>One published article or page that matched, with its matches marked.</summary>
public sealed record SearchResult(ArticleKind Kind, string Url, DateTime PublishedAt, HtmlString Title, HtmlString Snippet);

public sealed record SearchResults(SearchQuery Query, IReadOnlyList<SearchResult> Results, int Total, int Page, int PageCount, int PageSize)
{
    /// <summary>The number of the page's first result among all of them.</summary>
    public int First => ((Page - 1) * PageSize) + 1;

    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

/// <summary>
/// A row as the provider's search SQL returns it. The three texts carry the markers of
/// <see cref="Highlights"/> around the matched words.
/// </summary>
internal sealed class SearchHit
{
    public int Id { get; set; }
    public ArticleKind Kind { get; set; }
    public string Slug { get; set; } = "";
    public DateTime PublishedAt { get; set; }
    public string TitleMarked { get; set; } = "";
    public string SummaryMarked { get; set; } = "";
    public string BodyMarked { get; set; } = "";
}

/// <summary>
/// Full-text search over what readers may see: published posts and pages, best match first (a match
/// in the title counts most, then the summary, then the body). SQLite
/// uses its FTS5 index, PostgreSQL its <c>tsvector</c> column; both get the same parsed query.
/// </summary>
public sealed class SearchArticles(GazetteDbContext db)
{
    public async Task<SearchResults> ExecuteAsync(SearchQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty)
        {
            return new SearchResults(query, [], 0, 1, 1, pageSize);
        }
        var sqlite = db.Database.IsSqlite();
        var total = sqlite
            ? await SqliteSearch.CountAsync(db, query, cancellationToken)
            : await PostgreSqlSearch.CountAsync(db, query, cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var hits = total == 0 ? [] : sqlite
            ? await SqliteSearch.PageAsync(db, query, (page - 1) * pageSize, pageSize, cancellationToken)
            : await PostgreSqlSearch.PageAsync(db, query, (page - 1) * pageSize, pageSize, cancellationToken);
        var results = hits.Select(ToResult).ToList();
        return new SearchResults(query, results, total, page, pageCount, pageSize);
    }

    private static SearchResult ToResult(SearchHit hit)
    {
        var publishedAt = DateTime.SpecifyKind(hit.PublishedAt, DateTimeKind.Utc);
        // The body's best passage; the summary when only it (or only the title) matched.
        var snippet = !Highlights.HasMatch(hit.BodyMarked) && (Highlights.HasMatch(hit.SummaryMarked) || hit.BodyMarked.Length == 0)
            ? hit.SummaryMarked
            : hit.BodyMarked;
        return new SearchResult(
            hit.Kind, ArticleLinks.Of(hit.Kind, publishedAt, hit.Slug), publishedAt,
            Highlights.ToHtml(hit.TitleMarked), Highlights.ToHtml(snippet));
    }
}
