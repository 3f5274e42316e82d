using System.Collections.Concurrent;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>
/// Pages of article lists (the home page, archives) for any size of archive. A list's length is
/// counted once and kept until an article's publication, terms or author change
/// (<see cref="ListCounts"/>); a deep page skips its offset over index entries alone.
/// </summary>
public sealed class ArticleLists(GazetteDbContext db, ListCounts counts)
{
    /// <summary>
    /// Page <paramref name="page"/> of <paramref name="ordered"/>, the list named <paramref name="list"/>
    /// (its key for the kept count, e.g. <c>category:12</c>); null for a page past the last, or below
    /// the first, which readers and crawlers get as a 404.
    /// </summary>
    /// <remarks>
    /// The page's ids are chosen over the list's index (an offset skips entries, not rows), then
    /// only its own articles are read whole: <c>?page=5000</c> does not read 50,000 articles.
    /// </remarks>
    public async Task<ArticlePage?> PageAsync(
        string list, IQueryable<Article> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var total = await counts.CountAsync(list, ordered, cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        if (page < 1 || page > pageCount)
        {
            return null;
        }
        var ids = await ordered.Select(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        // By id alone, so that the database looks the ten rows up rather than scanning the list for them.
        var rows = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new ArticleSummary(
                a.Id, a.Title, a.Slug, a.PublishedAt!.Value, a.Summary,
                a.Author!.DisplayName, a.Author.Slug, a.FeaturedImageUrl, a.FeaturedImageAlt, a.IsSticky))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        return new ArticlePage(ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), page, pageCount);
    }
}

/// <summary>
/// The lengths of article lists, kept until the page cache evicts anything that may change which
/// articles a list holds (<see cref="PageCacheInvalidation.ListsVersion"/>): counting a category
/// of 20,000 articles on every view of every page of it would cost more than the page.
/// </summary>
public sealed class ListCounts(PageCacheInvalidation changes)
{
    private readonly ConcurrentDictionary<string, (long Version, int Count)> _counts = new(StringComparer.Ordinal);

    public async Task<int> CountAsync(string list, IQueryable<Article> ordered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        // The version read before counting: a change saved meanwhile leaves this count already stale.
        var version = changes.ListsVersion;
        if (_counts.TryGetValue(list, out var kept) && kept.Version == version)
        {
            return kept.Count;
        }
        var count = await ordered.CountAsync(cancellationToken);
        if (_counts.Count > 100_000)
        {
            _counts.Clear();
        }
        _counts[list] = (version, count);
        return count;
    }
}
