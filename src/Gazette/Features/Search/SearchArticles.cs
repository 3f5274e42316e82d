using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Search;

/// <summary>One published article or page that matched, with its matches marked.</summary>
public sealed record SearchResult(ArticleKind Kind, string Url, DateTime PublishedAt, HtmlString Title, HtmlString Snippet)
{
    /// <summary>Password protected: found by its title alone, shown without a snippet.</summary>
    public bool IsProtected { get; init; }
}

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
    public bool IsProtected { get; set; }
}

/// <summary>What each provider's full-text index answers; see <see cref="SearchArticles"/> for how they make a page.</summary>
internal interface ISearchIndex
{
    /// <summary>How many published articles match.</summary>
    Task<int> CountAsync(SearchQuery query, CancellationToken cancellationToken);

    /// <summary>The id of the match <paramref name="skip"/> places from the newest; null when there are not that many.</summary>
    Task<int?> NewestIdAsync(SearchQuery query, int skip, CancellationToken cancellationToken);

    /// <summary>Matches with ids from <paramref name="fromId"/> up, best first (then newest).</summary>
    Task<List<int>> RankedIdsAsync(SearchQuery query, int fromId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Matches with ids below <paramref name="belowId"/>, newest first.</summary>
    Task<List<int>> OlderIdsAsync(SearchQuery query, int belowId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>These matches, with the matched words marked, in any order.</summary>
    Task<List<SearchHit>> MarkedAsync(SearchQuery query, IReadOnlyList<int> ids, CancellationToken cancellationToken);
}

/// <summary>
/// Full-text search over what readers may see: published posts and pages, best match first (a match
/// in the title counts most, then the summary, then the body). SQLite uses its FTS5 index,
/// PostgreSQL its <c>tsvector</c> column; both get the same parsed query.
/// </summary>
/// <remarks>
/// Relevance is ranked among the newest <see cref="RankedMatches"/> matches, and older matches follow
/// them newest first. A word in nearly every story (a site's own name, "harbour" on a port town's
/// paper) would otherwise have every one of 100,000 articles scored on each search, and what a
/// reader of news wants from such a word is the recent stories about it; a rarer word has all of
/// its matches ranked.
/// </remarks>
public sealed class SearchArticles(GazetteDbContext db, ListFacts facts)
{
    /// <summary>How many of the newest matches are ranked by relevance.</summary>
    public const int RankedMatches = 1000;

    public async Task<SearchResults> ExecuteAsync(SearchQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty)
        {
            return new SearchResults(query, [], 0, 1, 1, pageSize);
        }
        ISearchIndex index = db.Database.IsSqlite() ? new SqliteSearch(db) : new PostgreSqlSearch(db);
        // How many match, and where the ranked matches end, are kept per query until an article changes:
        // counting 98,000 matches of a common word is most of such a search's cost.
        var key = "search:" + query.ToFts5();
        var total = await facts.GetAsync(key, cancellationToken => index.CountAsync(query, cancellationToken), cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var ids = total == 0 ? [] : await PageIdsAsync(index, query, key, total, (page - 1) * pageSize, pageSize, cancellationToken);
        var hits = ids.Count == 0 ? [] : (await index.MarkedAsync(query, ids, cancellationToken)).ToDictionary(h => h.Id);
        var results = ids.Where(hits.ContainsKey).Select(id => ToResult(hits[id])).ToList();
        return new SearchResults(query, results, total, page, pageCount, pageSize);
    }

    /// <summary>The ids of results <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/>, in order.</summary>
    private async Task<List<int>> PageIdsAsync(
        ISearchIndex index, SearchQuery query, string key, int total, int skip, int take, CancellationToken cancellationToken)
    {
        if (total <= RankedMatches)
        {
            return await index.RankedIdsAsync(query, 0, skip, take, cancellationToken);
        }
        // The oldest of the ranked matches; the rest follow it by id.
        var oldestRanked = await facts.GetAsync(
            key + ":oldest-ranked", async cancellationToken => await index.NewestIdAsync(query, RankedMatches - 1, cancellationToken) ?? 0,
            cancellationToken);
        var ids = skip < RankedMatches
            ? await index.RankedIdsAsync(query, oldestRanked, skip, Math.Min(take, RankedMatches - skip), cancellationToken)
            : [];
        if (skip + take > RankedMatches)
        {
            ids.AddRange(await index.OlderIdsAsync(query, oldestRanked, Math.Max(0, skip - RankedMatches), take - ids.Count, cancellationToken));
        }
        return ids;
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
            Highlights.ToHtml(hit.TitleMarked), hit.IsProtected ? HtmlString.Empty : Highlights.ToHtml(snippet))
        {
            IsProtected = hit.IsProtected,
        };
    }
}
