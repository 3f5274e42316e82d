using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>
/// The site's sections (categories) as a tree, read in one query: sites have tens of them, not
/// thousands, so pages that need a section's sub-sections walk it in memory.
/// </summary>
public sealed class CategoryTree
{
    public sealed record Node(int Id, int? ParentId, string Name, string Slug, string? Description)
    {
        public string Url => ArticleLinks.Category(Slug);
    }

    private readonly IReadOnlyList<Node> _all;

    private CategoryTree(IReadOnlyList<Node> all) => _all = all;

    public static async Task<CategoryTree> LoadAsync(GazetteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = await db.Categories.AsNoTracking()
            .Select(c => new Node(c.Id, c.ParentId, c.Name, c.Slug, c.Description))
            .ToListAsync(cancellationToken);
        return new CategoryTree(all);
    }

    public Node? BySlug(string slug) => _all.FirstOrDefault(c => c.Slug == slug);

    public Node? ById(int id) => _all.FirstOrDefault(c => c.Id == id);

    /// <summary>The sections at the top of the tree, by name.</summary>
    public IReadOnlyList<Node> TopLevel() =>
        _all.Where(c => c.ParentId is null).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <summary>The sections directly under <paramref name="id"/>, by name.</summary>
    public IReadOnlyList<Node> ChildrenOf(int id) =>
        _all.Where(c => c.ParentId == id).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <summary><paramref name="id"/> and every section under it, however deep: a section's stories are filed in any of them.</summary>
    public IReadOnlySet<int> WithDescendants(int id)
    {
        var ids = new HashSet<int> { id };
        for (var added = true; added;)
        {
            added = false;
            foreach (var child in _all.Where(c => c.ParentId is { } p && ids.Contains(p) && !ids.Contains(c.Id)))
            {
                added |= ids.Add(child.Id);
            }
        }
        return ids;
    }
}
