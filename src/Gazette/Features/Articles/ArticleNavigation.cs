using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>A link to another article or page, with what a list shows of it.</summary>
public sealed record ArticleLink(int Id, string Title, string Url, DateTime? PublishedAt = null, string? Summary = null);

/// <summary>
/// Where a reader can go next from an article: the previous and next article in time and related
/// ones; from a page: its parents (breadcrumbs) and the pages under it.
/// </summary>
public sealed record ArticleNavigation(
    ArticleLink? Previous, ArticleLink? Next, IReadOnlyList<ArticleLink> Related,
    IReadOnlyList<ArticleLink> Parents, IReadOnlyList<ArticleLink> Children)
{
    public const int RelatedCount = 3;
}

/// <summary>Finds an <see cref="ArticleNavigation"/>: the way on from an article or a page.</summary>
public sealed partial class ArticleNavigator(GazetteDbContext db, ListFacts facts)
{
    /// <summary>How many of each shared term's newest articles may be related.</summary>
    private const int NewestPerTerm = 60;

    /// <summary>How many of those have their headlines and summaries read and compared.</summary>
    private const int Weighed = 60;

    /// <summary>
    /// The previous and next post, and related ones among the newest of each category and tag it is filed
    /// under (<paramref name="categoryIds"/>, <paramref name="tagIds"/>).
    /// </summary>
    public async Task<ArticleNavigation> ForPostAsync(
        int id, DateTime publishedAt, string title, string summary,
        IReadOnlyCollection<int> categoryIds, IReadOnlyCollection<int> tagIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(categoryIds);
        ArgumentNullException.ThrowIfNull(tagIds);
        var neighbours = await ArticleListing.Neighbours.For(db)(db, publishedAt, id).ToListAsync(cancellationToken);
        ArticleLink? Link(bool before) => neighbours
            .Where(n => n.IsBefore(publishedAt, id) == before)
            .Select(n => new ArticleLink(n.Id, n.Title, n.Url, n.PublishedAt, null))
            .FirstOrDefault();
        var related = await RelatedAsync(id, title, summary, categoryIds, tagIds, cancellationToken);
        return new ArticleNavigation(Link(before: true), Link(before: false), related, [], []);
    }

    public async Task<ArticleNavigation> ForPageAsync(int id, int? parentId, CancellationToken cancellationToken)
    {
        // A site has tens of pages, not thousands: one query for the whole tree.
        var pages = await db.Articles.AsNoTracking().Published()
            .Where(a => a.Kind == ArticleKind.Page)
            .OrderBy(a => a.MenuOrder).ThenBy(a => a.Title)
            // A password-protected page is listed by its title alone.
            .Select(a => new { a.Id, a.ParentId, a.Title, a.Slug, Summary = a.Password == null ? a.Summary : "" })
            .ToListAsync(cancellationToken);
        var byId = pages.ToDictionary(p => p.Id);
        var parents = new List<ArticleLink>();
        // Walks up at most as many steps as there are pages, so a loop in the tree cannot hang the page.
        for (var up = parentId; up is { } pid && byId.TryGetValue(pid, out var parent) && parents.Count < pages.Count; up = parent.ParentId)
        {
            parents.Insert(0, new ArticleLink(parent.Id, parent.Title, ArticleLinks.Page(parent.Slug)));
        }
        var children = pages.Where(p => p.ParentId == id)
            .Select(p => new ArticleLink(p.Id, p.Title, ArticleLinks.Page(p.Slug), null, p.Summary))
            .ToList();
        return new ArticleNavigation(null, null, [], parents, children);
    }

    /// <summary>
    /// Recent articles sharing a category or tag, scored by the terms they share (a tag counts
    /// double: tags are narrower) and by the words their headlines and summaries share with this one.
    /// </summary>
    /// <remarks>
    /// Each term's newest articles are listed once per change to the lists and kept (<see cref="ListFacts"/>),
    /// so a view reads only the candidates' headlines: weighing every article of a 20,000-article
    /// section on each view would cost more than the rest of the page.
    /// </remarks>
    private async Task<IReadOnlyList<ArticleLink>> RelatedAsync(
        int id, string title, string summary,
        IReadOnlyCollection<int> categoryIds, IReadOnlyCollection<int> tagIds, CancellationToken cancellationToken)
    {
        var shared = new Dictionary<int, (int Tags, int Categories)>();
        foreach (var tagId in tagIds)
        {
            foreach (var other in await NewestAsync($"newest:tag:{tagId}", () => Posts.Tagged(db, tagId), cancellationToken))
            {
                var (tags, categories) = shared.GetValueOrDefault(other);
                shared[other] = (tags + 1, categories);
            }
        }
        foreach (var categoryId in categoryIds)
        {
            foreach (var other in await NewestAsync($"newest:category:{categoryId}", () => Posts.InCategories(db, [categoryId]), cancellationToken))
            {
                var (tags, categories) = shared.GetValueOrDefault(other);
                shared[other] = (tags, categories + 1);
            }
        }
        shared.Remove(id);
        if (shared.Count == 0)
        {
            return [];
        }
        // The most terms in common first, then the newest: enough to choose from, few enough to weigh their words.
        var weighed = shared.OrderByDescending(pair => (2 * pair.Value.Tags) + pair.Value.Categories).ThenByDescending(pair => pair.Key)
            .Take(Weighed).Select(pair => pair.Key).ToArray();
        var candidates = await Candidates.For(db)(db, weighed).ToListAsync(cancellationToken);
        var words = Words(title + " " + summary);
        return candidates
            .Select(c => (c, Score: (2 * shared[c.Id].Tags) + shared[c.Id].Categories + (4 * Similarity(words, Words(c.Title + " " + c.Summary)))))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.c.PublishedAt).ThenByDescending(s => s.c.Id)
            .Take(ArticleNavigation.RelatedCount)
            .Select(s => new ArticleLink(s.c.Id, s.c.Title, ArticleLinks.Article(s.c.PublishedAt, s.c.Slug), s.c.PublishedAt, s.c.Summary))
            .ToList();
    }

    private sealed record Candidate(int Id, string Title, string Slug, string Summary, DateTime PublishedAt);

    /// <summary>The headlines of the related articles to weigh; compiled once, as every article view reads them.</summary>
    private static readonly CompiledQuery<Func<GazetteDbContext, int[], IAsyncEnumerable<Candidate>>> Candidates = new(() =>
        EF.CompileAsyncQuery((GazetteDbContext db, int[] ids) => db.Articles.AsNoTracking()
            .Where(ArticleListing.IsPublished).Where(ArticleListing.IsPost)
            .Where(a => ids.Contains(a.Id))
            // A password-protected article is weighed, and shown, by its headline alone.
            .Select(a => new Candidate(a.Id, a.Title, a.Slug, a.Password == null ? a.Summary : "", a.PublishedAt!.Value))));

    /// <summary>Built only when a term's newest posts are not kept: most views read them from memory.</summary>
    private IQueryable<Article> Posts => db.Articles.AsNoTracking().Published().Posts();

    /// <summary>The ids of the newest <see cref="NewestPerTerm"/> of <paramref name="filed"/>, kept as <paramref name="key"/>.</summary>
    private Task<IReadOnlyList<int>> NewestAsync(string key, Func<IQueryable<Article>> filed, CancellationToken cancellationToken) =>
        facts.GetAsync<IReadOnlyList<int>>(key, async cancellationToken => await filed()
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => a.Id).Take(NewestPerTerm)
            .ToArrayAsync(cancellationToken), cancellationToken);

    /// <summary>Jaccard similarity of two word sets: 0 with nothing in common, 1 when the same.</summary>
    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : a.Intersect(b).Count() / (double)a.Union(b).Count();

    /// <summary>Lower-case words of four letters or more: short words are mostly "the", "and", "for".</summary>
    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4).ToHashSet();

    [GeneratedRegex(@"\p{L}[\p{L}\p{Nd}]*")]
    private static partial Regex WordPattern();
}
