using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>
/// Rules for static pages, which live at the root of the site (<c>/{slug}</c>) beside the site's
/// own addresses and sit in a tree of parent pages.
/// </summary>
public static class PageSlugs
{
    /// <summary>First path segments the site answers itself: a page there would never be reached.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "author", "category", "tag", "comments", "feed", "search", "media", "css", "js", "lib",
        "healthz", "page", "sitemap", "robots", "wp-admin", "wp-content", "wp-login", "wp-json", "xmlrpc",
    };

    /// <summary>
    /// True for the site's own first segments and for all-digit slugs, which the year archive
    /// (<c>/2026</c>) answers.
    /// </summary>
    public static bool IsReserved(string slug) =>
        Reserved.Contains(slug) || slug.StartsWith("sitemap", StringComparison.OrdinalIgnoreCase) || slug.All(char.IsAsciiDigit);

    /// <summary>
    /// Whether page <paramref name="parentId"/> may hold page <paramref name="pageId"/> (0 for a new
    /// page): it must be a page, and neither the page itself nor one under it, or the tree would loop.
    /// </summary>
    public static async Task<bool> CanBeParentAsync(GazetteDbContext db, int parentId, int pageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parents = await db.Articles.AsNoTracking().Where(a => a.Kind == ArticleKind.Page)
            .ToDictionaryAsync(a => a.Id, a => a.ParentId, cancellationToken);
        var seen = new HashSet<int>();
        for (int? up = parentId; up is { } id; up = parents.GetValueOrDefault(id))
        {
            if (!parents.ContainsKey(id) || id == pageId || !seen.Add(id))
            {
                return false;
            }
        }
        return true;
    }
}
