using System.Globalization;
using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// The import's pass over WordPress's categories and tags: the export's own list first (with the
/// categories' nesting), then whatever terms the items name that the list did not. Post formats are kept
/// as tags under WordPress's own slug (<c>post-format-video</c>), which the export turns back into formats.
/// </summary>
internal sealed class WordPressTerms(GazetteDbContext db, ImportRun run, WordPressRedirects redirects)
{
    private readonly Taxonomy<Category> _categories = new(db, run, "categories", "category", "are filed under it");
    private readonly Taxonomy<Tag> _tags = new(db, run, "tags", "tag", "are tagged with it");
    private readonly List<WxrTerm> _listed = [];

    /// <summary>Slugs of the post formats met, each reported once.</summary>
    private readonly HashSet<string> _postFormats = new(StringComparer.Ordinal);

    /// <summary>The export's own list of terms, in file order: read before any item.</summary>
    public IReadOnlyList<WxrTerm> Listed => _listed;

    public void Add(WxrTerm term) => _listed.Add(term);

    /// <summary>Makes the listed categories and tags, nests the categories, and redirects their old archives.</summary>
    public async Task ImportListedAsync(CancellationToken cancellationToken)
    {
        var categories = _listed.Where(t => t.Taxonomy == "category").ToList();
        foreach (var term in categories)
        {
            await _categories.DeclareAsync(term, cancellationToken);
        }
        foreach (var term in categories.Where(t => t.ParentSlug is not null))
        {
            if (!_categories.TryGetNew(ImportText.Slug(term.Slug, term.Name), out var category))
            {
                continue;
            }
            var parentSlug = ImportText.Slug(term.ParentSlug!, term.ParentSlug!);
            if (_categories.TryGetNew(parentSlug, out var parent) && parent != category)
            {
                category.Parent = parent;
            }
            else if (_categories.Ids.TryGetValue(parentSlug, out var parentId))
            {
                category.ParentId = parentId;
            }
            else
            {
                run.Report.Warn($"categories: {term.Name}: its parent \"{term.ParentSlug}\" is not in the export; it is a top-level category");
            }
        }
        foreach (var term in _listed.Where(t => t.Taxonomy is "post_tag" or "post_format"))
        {
            await _tags.DeclareAsync(term, cancellationToken);
        }
        foreach (var term in _listed.Where(t => t.Taxonomy is not ("category" or "post_tag" or "post_format" or "nav_menu" or "author")))
        {
            run.Report.Skipped("tags", $"{term.Name} ({term.Taxonomy})", $"the taxonomy \"{term.Taxonomy}\" has no counterpart here");
        }
        await db.SaveChangesAsync(cancellationToken);
        Saved();
        await RedirectListedAsync(cancellationToken);
    }

    /// <summary>Files the article under the item's categories and tags, making those the export's list lacked.</summary>
    public async Task FileAsync(WxrItem item, Article article, CancellationToken cancellationToken)
    {
        foreach (var term in item.Terms.DistinctBy(t => (t.Domain, ImportText.Slug(t.Slug, t.Name))))
        {
            var slug = ImportText.Slug(term.Slug, term.Name);
            switch (term.Domain)
            {
                case "category":
                    article.Categories.Add(await _categories.ForItemAsync(slug, term.Name, cancellationToken));
                    break;
                case "post_tag" or "tag":
                    article.Tags.Add(await _tags.ForItemAsync(slug, term.Name, cancellationToken));
                    break;
                case "post_format":
                    article.Tags.Add(await _tags.ForItemAsync(slug, term.Name, cancellationToken));
                    if (_postFormats.Add(slug))
                    {
                        run.Report.Warn($"posts: post format \"{term.Name}\" is kept as the tag \"{slug}\" (no post formats here)");
                    }
                    break;
                case "author":
                    // Co-Authors Plus's bylines (WordPressAuthors.BylineAsync).
                    break;
                default:
                    run.Report.Warn($"posts: {ImportText.Describe(item)}: term \"{term.Name}\" of taxonomy \"{term.Domain}\" left out");
                    break;
            }
        }
    }

    /// <summary>The batch is saved: the terms it made have their keys, and those it attached are no longer tracked.</summary>
    public void Saved()
    {
        _categories.Saved();
        _tags.Saved();
    }

    /// <summary>The sections and tags made of each listed WordPress term, by its term id, for the menus to link to.</summary>
    public (Dictionary<string, int> Categories, Dictionary<string, int> Tags) ByTermId() =>
        (ByTermId("category", _categories.Ids), ByTermId("post_tag", _tags.Ids));

    private Dictionary<string, int> ByTermId(string taxonomy, Dictionary<string, int> bySlug) => _listed
        .Where(t => t.Taxonomy == taxonomy && t.Id.Length > 0)
        .Select(t => (t.Id, Found: bySlug.TryGetValue(ImportText.Slug(t.Slug, t.Name), out var id) && id != 0 ? id : (int?)null))
        .Where(t => t.Found is not null)
        .DistinctBy(t => t.Id)
        .ToDictionary(t => t.Id, t => t.Found!.Value, StringComparer.Ordinal);

    /// <summary>Old nested category paths (<c>/category/news/local</c>) and changed slugs point at the archives here.</summary>
    private async Task RedirectListedAsync(CancellationToken cancellationToken)
    {
        var parents = _listed.Where(t => t.Taxonomy == "category")
            .GroupBy(t => ImportText.Slug(t.Slug, t.Name)).ToDictionary(g => g.Key, g => g.First().ParentSlug, StringComparer.Ordinal);
        foreach (var slug in parents.Keys)
        {
            var path = new List<string> { slug };
            for (var parent = parents[slug]; parent is not null && path.Count < 20 && !path.Contains(parent); parent = parents.GetValueOrDefault(parent))
            {
                path.Insert(0, parent);
            }
            var newSlug = await db.Categories.Where(c => c.Id == _categories.Ids[slug]).Select(c => c.Slug).SingleAsync(cancellationToken);
            await redirects.AddNowAsync("/category/" + string.Join('/', path), ArticleLinks.Category(newSlug), cancellationToken);
        }
        foreach (var term in _listed.Where(t => t.Taxonomy == "post_tag" && t.Slug.Length > 0))
        {
            if (_tags.Ids.TryGetValue(ImportText.Slug(term.Slug, term.Name), out var id))
            {
                var newSlug = await db.Tags.Where(t => t.Id == id).Select(t => t.Slug).SingleAsync(cancellationToken);
                await redirects.AddNowAsync("/tag/" + term.Slug, ArticleLinks.Tag(newSlug), cancellationToken);
            }
        }
    }

    /// <summary>
    /// One taxonomy's terms, by slug: those already here (imported earlier, or the site's own with the same
    /// slug, which articles are then filed under), and those this import makes, until their batch is saved.
    /// </summary>
    private sealed class Taxonomy<T>(GazetteDbContext db, ImportRun run, string kind, string noun, string filed) where T : class, ITerm, new()
    {
        private readonly Dictionary<string, T> _new = new(StringComparer.Ordinal);
        private readonly Dictionary<int, T> _attached = [];

        /// <summary>Slug → local id of every term met so far.</summary>
        public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

        public bool TryGetNew(string slug, out T term) => _new.TryGetValue(slug, out term!);

        /// <summary>A term from the export's list: matched to one here, or made.</summary>
        public async Task DeclareAsync(WxrTerm term, CancellationToken cancellationToken)
        {
            var slug = ImportText.Slug(term.Slug, term.Name);
            var key = term.Id.Length > 0 ? term.Id : slug;
            if (run.WasImported(noun, key, out var known) && int.TryParse(known, CultureInfo.InvariantCulture, out var knownId))
            {
                Ids[slug] = knownId;
                run.Report.Skipped(kind, term.Name, "already imported");
                return;
            }
            if (await db.Set<T>().AsNoTracking().Where(t => t.Slug == slug).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                Ids[slug] = existing;
                run.Report.Skipped(kind, term.Name, $"a {noun} with the slug \"{slug}\" exists: articles {filed}");
                run.Map(noun, key, () => existing.ToString(CultureInfo.InvariantCulture));
                return;
            }
            if (_new.ContainsKey(slug))
            {
                run.Report.Skipped(kind, term.Name, $"another {noun} in the export has the slug \"{slug}\"");
                return;
            }
            var made = Make(slug, term.Name, key);
            if (made is Category category)
            {
                category.Description = ImportText.CutOrNull(term.Description, 2000);
            }
        }

        /// <summary>The term an item names, as an entity the item's article can be filed under in this batch.</summary>
        public async Task<T> ForItemAsync(string slug, string name, CancellationToken cancellationToken)
        {
            if (_new.TryGetValue(slug, out var pending))
            {
                return pending;
            }
            if (!Ids.TryGetValue(slug, out var id))
            {
                id = await db.Set<T>().Where(t => t.Slug == slug).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken);
            }
            if (id == 0)
            {
                return Make(slug, name, "slug:" + slug);
            }
            Ids[slug] = id;
            if (!_attached.TryGetValue(id, out var attached))
            {
                attached = new T { Id = id };
                db.Set<T>().Attach(attached);
                _attached[id] = attached;
            }
            return attached;
        }

        public void Saved()
        {
            foreach (var (slug, term) in _new)
            {
                Ids[slug] = term.Id;
            }
            _new.Clear();
            _attached.Clear();
        }

        private T Make(string slug, string name, string key)
        {
            var term = new T { Name = ImportText.Cut(name.Length > 0 ? name : slug, 200), Slug = slug };
            _new[slug] = term;
            db.Set<T>().Add(term);
            run.Map(noun, key, () => term.Id.ToString(CultureInfo.InvariantCulture));
            run.Report.Imported(kind);
            return term;
        }
    }
}
