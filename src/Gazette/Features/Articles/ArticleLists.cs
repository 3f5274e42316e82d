using System.Collections.Concurrent;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>
/// Pages of article lists (the home page, archives) for any size of archive. A list's length is
/// counted once and kept until an article's publication, terms or author change
/// (<see cref="ListFacts"/>); a deep page skips its offset over index entries alone.
/// </summary>
public sealed class ArticleLists(GazetteDbContext db, ListFacts facts)
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
        var total = await facts.CountAsync(list, ordered, cancellationToken);
        if (PageCount(total, pageSize, page) is not { } pageCount)
        {
            return null;
        }
        var ids = await ordered.Select(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ArticlePage(await SummariesAsync(ids, cancellationToken), page, pageCount);
    }

    /// <summary>
    /// Page <paramref name="page"/> of a list filed under terms (a category and its sub-categories, a
    /// tag), as <see cref="PageAsync"/>. No index holds such a list in its order, so the database
    /// would gather and sort all of it for every page: its ids are listed once per change to the
    /// lists and kept (<see cref="ListFacts"/>), and every page, the last as the first, is a slice of them.
    /// </summary>
    public async Task<ArticlePage?> FiledPageAsync(
        string list, IQueryable<Article> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var all = await FiledIdsAsync(list, ordered, cancellationToken);
        if (PageCount(all.Count, pageSize, page) is not { } pageCount)
        {
            return null;
        }
        var ids = all.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new ArticlePage(await SummariesAsync(ids, cancellationToken), page, pageCount);
    }

    /// <summary>
    /// Every id of <paramref name="ordered"/>, a list filed under terms named <paramref name="list"/>, in
    /// order: listed once per change to the lists and kept (<see cref="ListFacts"/>).
    /// </summary>
    public Task<IReadOnlyList<int>> FiledIdsAsync(string list, IQueryable<Article> ordered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        return facts.GetAsync<IReadOnlyList<int>>(
            "ids:" + list, async cancellationToken => await ordered.Select(a => a.Id).ToArrayAsync(cancellationToken), cancellationToken);
    }

    /// <summary>How many pages <paramref name="total"/> articles make; null when <paramref name="page"/> is not one of them.</summary>
    private static int? PageCount(int total, int pageSize, int page)
    {
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        return page < 1 || page > pageCount ? null : pageCount;
    }

    /// <summary>The cards of these articles, in this order (ids of articles no longer there are left out).</summary>
    public async Task<List<ArticleSummary>> SummariesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        // By id alone, so that the database looks the ten rows up rather than scanning the list for them.
        var rows = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            // A password-protected article's card: headline, section and byline, none of its text, picture or conversation.
            .Select(a => new ArticleSummary(
                a.Id, a.Title, a.Slug, a.PublishedAt!.Value, a.Password == null ? a.Summary : "",
                a.Author!.DisplayName, a.Author.Slug, a.Password == null ? a.FeaturedImageUrl : null, a.Password == null ? a.FeaturedImageAlt : null, a.IsSticky)
            {
                IsProtected = a.Password != null,
                SectionName = a.Categories.OrderBy(c => c.Name).Select(c => c.Name).FirstOrDefault(),
                SectionSlug = a.Categories.OrderBy(c => c.Name).Select(c => c.Slug).FirstOrDefault(),
                CommentCount = a.Password == null ? a.Comments.Count(c => c.Status == CommentStatus.Approved) : 0,
                CoAuthors = a.CoAuthors.OrderBy(c => c.Position).Select(c => new BylineName(c.User!.DisplayName, c.User.Slug)).ToList(),
            })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        // The cards' images in the sizes made of them, not the full original at a card's width.
        var pictures = await Media.ResponsiveImage.FindAllAsync(db, rows.Values.Select(a => a.ImageUrl), cancellationToken);
        return ids.Where(rows.ContainsKey)
            .Select(id => rows[id] is { ImageUrl: { } image } card && pictures.TryGetValue(image, out var picture) ? card with { Picture = picture } : rows[id])
            .ToList();
    }
}

/// <summary>
/// What is worked out over whole article lists (their lengths, the sitemaps' dates), kept until the
/// page cache evicts anything that may change which articles a list holds or how they read
/// (<see cref="PageCacheInvalidation.ListsVersion"/>): counting a category of 20,000 articles, or
/// finding the newest change under each of a site's terms, on every view would cost more than the page.
/// </summary>
public sealed class ListFacts(PageCacheInvalidation changes)
{
    /// <summary>More kept facts than this (a crawler walking every tag's pages) start the keeping afresh.</summary>
    private const int MaxKept = 100_000;

    private readonly ConcurrentDictionary<string, (long Version, object Value)> _kept = new(StringComparer.Ordinal);

    /// <summary>How many articles <paramref name="ordered"/>, the list named <paramref name="list"/>, holds.</summary>
    public Task<int> CountAsync(string list, IQueryable<Article> ordered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        return GetAsync("count:" + list, ordered.CountAsync, cancellationToken);
    }

    /// <summary>The value named <paramref name="key"/>, worked out by <paramref name="compute"/> once per change to the lists.</summary>
    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        // The version read before computing: a change saved meanwhile leaves this value already stale.
        var version = changes.ListsVersion;
        if (_kept.TryGetValue(key, out var kept) && kept.Version == version)
        {
            return (T)kept.Value;
        }
        var value = await compute(cancellationToken);
        if (_kept.Count > MaxKept)
        {
            _kept.Clear();
        }
        _kept[key] = (version, value);
        return value;
    }
}
