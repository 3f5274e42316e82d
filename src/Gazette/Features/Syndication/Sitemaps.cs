using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Syndication;

/// <summary>
/// What the sitemaps list: the home page and static pages, published posts, and the category,
/// tag and author archives that have a published post. Each address carries the time its content
/// last changed.
/// </summary>
/// <remarks>
/// Posts files are ranges of ids (file 3 holds the published posts with ids 2,001 to 3,000, at
/// 1,000 a file), so a new post changes only the last file, any file is read straight from the
/// index whatever its number, and the index's dates come from one grouped query over an index.
/// A range whose posts are all unpublished is left out of the index, and its file is a 404.
/// What needs every post (the ranges' and terms' newest changes) is worked out once per change to
/// the lists and kept (<see cref="ListFacts"/>): on a site of 100,000 posts each costs tens of
/// milliseconds, which the index and the terms' files would otherwise pay on every view.
/// </remarks>
public sealed class Sitemaps(GazetteDbContext db, IOptionsMonitor<SitemapSettings> settings, ListFacts facts, TimeProvider clock)
{
    /// <summary>One file of the index: which, and when anything in it last changed.</summary>
    public sealed record File(SitemapKind Kind, int Page, DateTime? LastModified);

    /// <summary>Google reads at most 1,000 addresses from a news sitemap.</summary>
    public const int MaxNewsUrls = 1000;

    private int PerFile => Math.Clamp(settings.CurrentValue.UrlsPerFile, 1, 50_000);

    private IQueryable<Article> Posts => db.Articles.AsNoTracking().Published().Posts();

    /// <summary>Every file of the index; the pages file (the home page) is always there.</summary>
    public async Task<IReadOnlyList<File>> IndexAsync(CancellationToken cancellationToken)
    {
        var files = new List<File>();
        files.AddRange(Paged(SitemapKind.Pages, await PagesAsync(cancellationToken)));

        files.AddRange(await PostFilesAsync(cancellationToken));

        files.AddRange(Paged(SitemapKind.Categories, await CategoriesAsync(cancellationToken)));
        files.AddRange(Paged(SitemapKind.Tags, await TagsAsync(cancellationToken)));
        files.AddRange(Paged(SitemapKind.Authors, await AuthorsAsync(cancellationToken)));
        return files;
    }

    /// <summary>The posts files, each with its newest change.</summary>
    private Task<IReadOnlyList<File>> PostFilesAsync(CancellationToken cancellationToken)
    {
        var perFile = PerFile;
        return facts.GetAsync<IReadOnlyList<File>>($"sitemap:posts:{perFile}", async cancellationToken =>
        {
            var ranges = await Posts
                .GroupBy(a => (a.Id - 1) / perFile)
                .Select(g => new { Range = g.Key, Updated = g.Max(a => a.UpdatedAt), Published = g.Max(a => a.PublishedAt!.Value) })
                .ToListAsync(cancellationToken);
            return ranges.OrderBy(r => r.Range).Select(r => new File(SitemapKind.Posts, r.Range + 1, Later(r.Updated, r.Published))).ToList();
        }, cancellationToken);
    }

    /// <summary>One file's addresses; null when there is no such file (the first of each kind always exists, if empty).</summary>
    public async Task<IReadOnlyList<SitemapUrl>?> FileAsync(SitemapKind kind, int page, CancellationToken cancellationToken)
    {
        if (page < 1)
        {
            return null;
        }
        if (kind == SitemapKind.Posts)
        {
            var (from, to) = ((long)(page - 1) * PerFile + 1, (long)page * PerFile);
            if (from > int.MaxValue)
            {
                return null;
            }
            // Compared as ints: a long would make the column a cast, which no index (nor the rowid) serves.
            var (first, last) = ((int)from, (int)Math.Min(to, int.MaxValue));
            var rows = await Posts.Where(a => a.Id >= first && a.Id <= last).OrderBy(a => a.Id)
                // A password-protected article is listed by its address alone, without its picture.
                .Select(a => new { a.Slug, PublishedAt = a.PublishedAt!.Value, a.UpdatedAt, FeaturedImageUrl = a.Password == null ? a.FeaturedImageUrl : null })
                .ToListAsync(cancellationToken);
            var posts = rows.Select(a => new SitemapUrl(ArticleLinks.Article(a.PublishedAt, a.Slug), Later(a.UpdatedAt, a.PublishedAt), a.FeaturedImageUrl)).ToList();
            return posts.Count > 0 || page == 1 ? posts : null;
        }
        var all = kind switch
        {
            SitemapKind.Pages => await PagesAsync(cancellationToken),
            SitemapKind.Categories => await CategoriesAsync(cancellationToken),
            SitemapKind.Tags => await TagsAsync(cancellationToken),
            _ => await AuthorsAsync(cancellationToken),
        };
        var urls = all.Skip((page - 1) * PerFile).Take(PerFile).ToList();
        return urls.Count > 0 || page == 1 ? urls : null;
    }

    /// <summary>Posts published in the last <see cref="SitemapSettings.NewsHours"/> hours, newest first.</summary>
    public async Task<IReadOnlyList<NewsUrl>> NewsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddHours(-Math.Clamp(settings.CurrentValue.NewsHours, 1, 24 * 30));
        var rows = await Posts
            .Where(a => a.PublishedAt >= since && a.PublishedAt <= now)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(MaxNewsUrls)
            .Select(a => new { a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        return rows.Select(a => new NewsUrl(ArticleLinks.Article(a.PublishedAt, a.Slug), a.Title, a.PublishedAt)).ToList();
    }

    /// <summary>The home page, changed with the newest post, then the published static pages.</summary>
    private async Task<IReadOnlyList<SitemapUrl>> PagesAsync(CancellationToken cancellationToken)
    {
        // Two maxima, each the end of an index, rather than one of an expression over every post.
        var lastEdit = await Posts.MaxAsync(a => (DateTime?)a.UpdatedAt, cancellationToken);
        var lastPublished = await Posts.MaxAsync(a => a.PublishedAt, cancellationToken);
        DateTime? newestPost = lastEdit is { } edit && lastPublished is { } published ? Later(edit, published) : lastEdit ?? lastPublished;
        var pages = await db.Articles.AsNoTracking().Published()
            .Where(a => a.Kind == ArticleKind.Page)
            .OrderBy(a => a.Id)
            .Select(a => new { a.Slug, a.UpdatedAt, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        return [new SitemapUrl("/", newestPost), .. pages.Select(p => new SitemapUrl(ArticleLinks.Page(p.Slug), Later(p.UpdatedAt, p.PublishedAt)))];
    }

    /// <summary>Categories with a published post, their own or a sub-category's, as on their archive page.</summary>
    private Task<IReadOnlyList<SitemapUrl>> CategoriesAsync(CancellationToken cancellationToken) =>
        facts.GetAsync("sitemap:categories", ComputeCategoriesAsync, cancellationToken);

    private async Task<IReadOnlyList<SitemapUrl>> ComputeCategoriesAsync(CancellationToken cancellationToken)
    {
        var newest = (await Posts
            .SelectMany(a => a.Categories, (a, c) => new { c.Id, a.UpdatedAt, PublishedAt = a.PublishedAt!.Value })
            .GroupBy(x => x.Id)
            .Select(g => new { g.Key, Updated = g.Max(x => x.UpdatedAt), Published = g.Max(x => x.PublishedAt) })
            .ToListAsync(cancellationToken))
            .ToDictionary(x => x.Key, x => Later(x.Updated, x.Published));
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.ParentId, c.Slug }).ToListAsync(cancellationToken);
        var parents = categories.ToDictionary(c => c.Id, c => c.ParentId);
        var inTree = new Dictionary<int, DateTime>();
        foreach (var (id, changed) in newest)
        {
            // Up the tree, guarding against a cycle the data should never have.
            var seen = new HashSet<int>();
            for (int? at = id; at is { } current && seen.Add(current); at = parents.GetValueOrDefault(current))
            {
                inTree[current] = inTree.TryGetValue(current, out var known) ? Later(known, changed) : changed;
            }
        }
        return categories.Where(c => inTree.ContainsKey(c.Id)).Select(c => new SitemapUrl(ArticleLinks.Category(c.Slug), inTree[c.Id])).ToList();
    }

    private Task<IReadOnlyList<SitemapUrl>> TagsAsync(CancellationToken cancellationToken) =>
        facts.GetAsync("sitemap:tags", ComputeTagsAsync, cancellationToken);

    private async Task<IReadOnlyList<SitemapUrl>> ComputeTagsAsync(CancellationToken cancellationToken)
    {
        var newest = await Posts
            .SelectMany(a => a.Tags, (a, t) => new { t.Id, a.UpdatedAt, PublishedAt = a.PublishedAt!.Value })
            .GroupBy(x => x.Id)
            .Select(g => new { g.Key, Updated = g.Max(x => x.UpdatedAt), Published = g.Max(x => x.PublishedAt) })
            .ToListAsync(cancellationToken);
        var slugs = await db.Tags.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToDictionaryAsync(t => t.Id, t => t.Slug, cancellationToken);
        return newest.Where(t => slugs.ContainsKey(t.Key)).OrderBy(t => t.Key)
            .Select(t => new SitemapUrl(ArticleLinks.Tag(slugs[t.Key]), Later(t.Updated, t.Published))).ToList();
    }

    private Task<IReadOnlyList<SitemapUrl>> AuthorsAsync(CancellationToken cancellationToken) =>
        facts.GetAsync("sitemap:authors", ComputeAuthorsAsync, cancellationToken);

    private async Task<IReadOnlyList<SitemapUrl>> ComputeAuthorsAsync(CancellationToken cancellationToken)
    {
        // Per author (staff are few), each read from the author's own index entries, rather than
        // grouping every post of the site by author.
        var authors = await db.Users.AsNoTracking()
            .Select(u => new
            {
                u.Slug,
                Updated = u.Articles.Where(a => a.Kind == ArticleKind.Post && a.Status == ArticleStatus.Published && a.PublishedAt != null)
                    .Max(a => (DateTime?)a.UpdatedAt),
                Published = u.Articles.Where(a => a.Kind == ArticleKind.Post && a.Status == ArticleStatus.Published && a.PublishedAt != null)
                    .Max(a => a.PublishedAt),
            })
            .ToListAsync(cancellationToken);
        return authors.Where(a => a.Updated is not null && a.Published is not null).OrderBy(a => a.Slug, StringComparer.Ordinal)
            .Select(a => new SitemapUrl(ArticleLinks.Author(a.Slug), Later(a.Updated!.Value, a.Published!.Value))).ToList();
    }

    private IEnumerable<File> Paged(SitemapKind kind, IReadOnlyList<SitemapUrl> urls) =>
        urls.Chunk(PerFile).Select((chunk, index) => new File(kind, index + 1, chunk.Max(u => u.LastModified)));

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
