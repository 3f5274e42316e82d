using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Articles;

/// <summary>How the home page is laid out (<c>Gazette:FrontPage</c>), set by Editors on the Front page screen.</summary>
public sealed class FrontPageOptions
{
    public const string Section = "Gazette:FrontPage";

    /// <summary>The story that leads, while it is published; otherwise the newest featured story leads, or else the newest.</summary>
    public int? LeadStoryId { get; set; }

    /// <summary>The sections shown in blocks under the top stories, in order; none chosen, the most filled ones.</summary>
    public List<int> Sections { get; set; } = [];

    /// <summary>How many stories each section's block shows.</summary>
    public int StoriesPerSection { get; set; } = 4;
}

/// <summary>A block of a front page: a section's newest stories, with a link to the section.</summary>
public sealed record StoryBlock(string Name, string Url, IReadOnlyList<ArticleSummary> Stories);

/// <summary>A front page whole: its top, then the "Latest" river under <paramref name="RiverHeading"/>.</summary>
public sealed record FrontPageView(FrontPageTop Top, ArticlePage Latest, string RiverHeading);

/// <summary>The top of a front page: the lead story, the stories beside it, and a block per section.</summary>
public sealed record FrontPageTop(ArticleSummary? Lead, IReadOnlyList<ArticleSummary> Secondary, IReadOnlyList<StoryBlock> Blocks)
{
    public static readonly FrontPageTop Empty = new(null, [], []);

    /// <summary>The lead and the stories beside it, which the "Latest" list under them leaves out.</summary>
    public IReadOnlySet<int> TopIds { get; } = new HashSet<int>((Lead is null ? [] : new[] { Lead.Id }).Concat(Secondary.Select(s => s.Id)));

    public IEnumerable<ArticleSummary> All =>
        (Lead is null ? [] : new[] { Lead }).Concat(Secondary).Concat(Blocks.SelectMany(b => b.Stories));

    /// <summary>What a cached front page shows, to be evicted with it (see <see cref="ArticlePage.CacheTags"/>).</summary>
    public IEnumerable<string> CacheTags => ArticlePage.TagsOf(All);
}

/// <summary>
/// Lays out the top of the home page and of each section's page, as news sites do: a lead story
/// (the one an Editor picked, else the newest featured, else the newest), a few stories beside it,
/// then a block per section (the home page's chosen in the settings; a section's own
/// sub-sections) with their newest stories, no story twice. Every list it reads is an index range
/// or a kept list (<see cref="ArticleLists.FiledIdsAsync"/>), so its cost does not grow with the archive.
/// </summary>
public sealed class FrontPages(GazetteDbContext db, ArticleLists lists, ListFacts facts, IOptionsMonitor<FrontPageOptions> options)
{
    /// <summary>How many stories stand beside the lead.</summary>
    public const int SecondaryCount = 4;

    /// <summary>Sections shown on the home page while none are chosen.</summary>
    public const int AutomaticSections = 4;

    public async Task<FrontPageTop> HomeAsync(CategoryTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var settings = options.CurrentValue;
        var posts = db.Articles.Published().Posts();
        var featured = await FeaturedAsync("home", posts, cancellationToken);
        var newest = await Newest(posts).Take(SecondaryCount + featured.Count + 1).ToListAsync(cancellationToken);
        int? picked = settings.LeadStoryId is { } id && await posts.AnyAsync(a => a.Id == id, cancellationToken) ? id : null;
        var sectionIds = settings.Sections.Count > 0
            ? settings.Sections.Where(s => tree.ById(s) is not null).Distinct().ToList()
            : await facts.GetAsync("front:sections", async ct =>
                await db.Categories.MostFilledSections().Select(c => c.Id).Take(AutomaticSections).ToListAsync(ct), cancellationToken);
        var blocks = sectionIds.Select(s => tree.ById(s)!).ToList();
        return await LayOutAsync(picked, featured, newest, blocks, tree, Math.Clamp(settings.StoriesPerSection, 1, 12), cancellationToken);
    }

    /// <summary>The top of a section's page: its lead and the stories beside it, then a block per sub-section.</summary>
    public async Task<FrontPageTop> SectionAsync(CategoryTree tree, CategoryTree.Node section, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(section);
        var filed = db.Articles.Published().Posts().InCategories(db, tree.WithDescendants(section.Id).ToList());
        var featured = await FeaturedAsync(CacheTags.Category(section.Id), filed, cancellationToken);
        var newest = (await SectionIdsAsync(tree, section.Id, cancellationToken)).Take(SecondaryCount + featured.Count + 1).ToList();
        return await LayOutAsync(null, featured, newest, tree.ChildrenOf(section.Id), tree, Math.Clamp(options.CurrentValue.StoriesPerSection, 1, 12), cancellationToken);
    }

    /// <summary>A section's stories, newest first, as its archive lists them (the same kept list).</summary>
    public Task<IReadOnlyList<int>> SectionIdsAsync(CategoryTree tree, int sectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return lists.FiledIdsAsync(CacheTags.Category(sectionId), SectionArchive(tree, sectionId), cancellationToken);
    }

    /// <summary>The query of a section's archive: its stories and its sub-sections', newest first.</summary>
    public IQueryable<Article> SectionArchive(CategoryTree tree, int sectionId)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return db.Articles.Published().Posts()
            .InCategories(db, tree.WithDescendants(sectionId).ToList())
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
    }

    private async Task<FrontPageTop> LayOutAsync(
        int? picked, List<int> featured, List<int> newest, IReadOnlyList<CategoryTree.Node> sections, CategoryTree tree, int perSection,
        CancellationToken cancellationToken)
    {
        var shown = new List<int>();
        var lead = picked ?? featured.Concat(newest).Cast<int?>().FirstOrDefault();
        if (lead is { } leadId)
        {
            shown.Add(leadId);
        }
        var secondary = featured.Concat(newest).Where(id => !shown.Contains(id)).Distinct().Take(SecondaryCount).ToList();
        shown.AddRange(secondary);
        var blockIds = new List<(CategoryTree.Node Section, List<int> Ids)>();
        foreach (var section in sections)
        {
            var ids = (await SectionIdsAsync(tree, section.Id, cancellationToken)).Where(id => !shown.Contains(id)).Take(perSection).ToList();
            shown.AddRange(ids);
            blockIds.Add((section, ids));
        }
        if (shown.Count == 0)
        {
            return FrontPageTop.Empty;
        }
        // Every card on the page in one read.
        var cards = (await lists.SummariesAsync(shown, cancellationToken)).ToDictionary(c => c.Id);
        List<ArticleSummary> Cards(IEnumerable<int> ids) => ids.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
        return new FrontPageTop(
            lead is { } l && cards.TryGetValue(l, out var leadCard) ? leadCard : null,
            Cards(secondary),
            blockIds.Where(b => b.Ids.Count > 0).Select(b => new StoryBlock(b.Section.Name, b.Section.Url, Cards(b.Ids))).ToList());
    }

    /// <summary>
    /// The newest featured stories of a list. Few stories are featured, so no index finds them in
    /// date order: the database would walk a 100,000-story archive to find five. Kept per change to
    /// the lists instead (featuring or unfeaturing one is such a change).
    /// </summary>
    private async Task<List<int>> FeaturedAsync(string list, IQueryable<Article> articles, CancellationToken cancellationToken) =>
        [.. await facts.GetAsync<IReadOnlyList<int>>("featured:" + list, async ct =>
            await Newest(articles.Where(a => a.IsSticky)).Take(SecondaryCount + 1).ToListAsync(ct), cancellationToken)];

    private static IQueryable<int> Newest(IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id);
}
