using System.Text.RegularExpressions;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>A link to another article or page, with what a list shows of it.</summary>
public sealed record ArticleLink(int Id, string Title, string Url, DateTime? PublishedAt = null, string? Summary = null);

/// <summary>
/// Where a reader can go next from an article: the previous and next article in time and related
/// ones; from a page: its parents (breadcrumbs) and the pages under it.
/// </summary>
public sealed partial record ArticleNavigation(
    ArticleLink? Previous, ArticleLink? Next, IReadOnlyList<ArticleLink> Related,
    IReadOnlyList<ArticleLink> Parents, IReadOnlyList<ArticleLink> Children)
{
    public const int RelatedCount = 3;

    /// <summary>How many recent articles sharing a term are weighed for "related": enough to choose from, few enough to score at once.</summary>
    private const int Candidates = 60;

    public static async Task<ArticleNavigation> ForPostAsync(
        GazetteDbContext db, int id, DateTime publishedAt, string title, string summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var posts = db.Articles.AsNoTracking().Published().Posts();
        var previous = await posts.Before(publishedAt, id)
            .Select(a => new ArticleLink(a.Id, a.Title, ArticleLinks.Article(a.PublishedAt!.Value, a.Slug), a.PublishedAt, null))
            .FirstOrDefaultAsync(cancellationToken);
        var next = await posts.After(publishedAt, id)
            .Select(a => new ArticleLink(a.Id, a.Title, ArticleLinks.Article(a.PublishedAt!.Value, a.Slug), a.PublishedAt, null))
            .FirstOrDefaultAsync(cancellationToken);
        var related = await RelatedAsync(posts, id, title, summary, cancellationToken);
        return new ArticleNavigation(previous, next, related, [], []);
    }

    public static async Task<ArticleNavigation> ForPageAsync(GazetteDbContext db, int id, int? parentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A site has tens of pages, not thousands: one query for the whole tree.
        var pages = await db.Articles.AsNoTracking().Published()
            .Where(a => a.Kind == ArticleKind.Page)
            .OrderBy(a => a.MenuOrder).ThenBy(a => a.Title)
            .Select(a => new { a.Id, a.ParentId, a.Title, a.Slug, a.Summary })
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
    private static async Task<IReadOnlyList<ArticleLink>> RelatedAsync(
        IQueryable<Article> posts, int id, string title, string summary, CancellationToken cancellationToken)
    {
        var candidates = await posts
            .Where(a => a.Id != id && (
                a.Tags.Any(t => t.Articles.Any(o => o.Id == id)) ||
                a.Categories.Any(c => c.Articles.Any(o => o.Id == id))))
            .OrderByDescending(a => a.PublishedAt)
            .Take(Candidates)
            .Select(a => new
            {
                a.Id, a.Title, a.Slug, a.Summary, PublishedAt = a.PublishedAt!.Value,
                SharedTags = a.Tags.Count(t => t.Articles.Any(o => o.Id == id)),
                SharedCategories = a.Categories.Count(c => c.Articles.Any(o => o.Id == id)),
            })
            .ToListAsync(cancellationToken);
        var words = Words(title + " " + summary);
        return candidates
            .Select(c => (c, Score: (2 * c.SharedTags) + c.SharedCategories + (4 * Similarity(words, Words(c.Title + " " + c.Summary)))))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.c.PublishedAt)
            .Take(RelatedCount)
            .Select(s => new ArticleLink(s.c.Id, s.c.Title, ArticleLinks.Article(s.c.PublishedAt, s.c.Slug), s.c.PublishedAt, s.c.Summary))
            .ToList();
    }

    /// <summary>Jaccard similarity of two word sets: 0 with nothing in common, 1 when the same.</summary>
    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : a.Intersect(b).Count() / (double)a.Union(b).Count();

    /// <summary>Lower-case words of four letters or more: short words are mostly "the", "and", "for".</summary>
    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4).ToHashSet();

    [GeneratedRegex(@"\p{L}[\p{L}\p{Nd}]*")]
    private static partial Regex WordPattern();
}
