using System.Globalization;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Admin.FrontPage;

/// <summary>
/// Editors arrange the home page: which story leads (or the newest featured one, automatically),
/// which sections have a block under the top stories and in what order, and how many stories each
/// block shows. Saved like the site's settings: in force from the next request.
/// </summary>
public sealed class IndexModel(GazetteDbContext db, SiteSettingsStore store, IOptionsMonitor<FrontPageOptions> options) : PageModel
{
    private const string Prefix = FrontPageOptions.Section + ":";

    public sealed record StoryChoice(int Id, string Title, DateTime PublishedAt, bool IsSticky);

    public sealed record SectionRow(int Id, string Name, bool IsSub);

    /// <summary>What the screen posts.</summary>
    public sealed class FrontPageForm
    {
        public int? LeadStoryId { get; set; }

        /// <summary>Each section's place on the front page (1 first), or none to leave it off.</summary>
        public Dictionary<int, int?>? SectionOrder { get; set; }

        public int StoriesPerSection { get; set; } = 4;
    }

    [BindProperty]
    public FrontPageForm Form { get; set; } = new();

    public IReadOnlyList<StoryChoice> Stories { get; private set; } = [];
    public IReadOnlyList<SectionRow> Sections { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        Form.LeadStoryId = current.LeadStoryId;
        Form.StoriesPerSection = current.StoriesPerSection;
        Form.SectionOrder = current.Sections.Select((id, i) => (id, i)).DistinctBy(s => s.id).ToDictionary(s => s.id, s => (int?)(s.i + 1));
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Form.LeadStoryId is { } lead && !await db.Articles.Published().Posts().AnyAsync(a => a.Id == lead, cancellationToken))
        {
            ModelState.AddModelError("Form.LeadStoryId", "That story is not published: choose another, or let the newest featured story lead.");
        }
        if (Form.StoriesPerSection is < 1 or > 12)
        {
            ModelState.AddModelError("Form.StoriesPerSection", "Show from 1 to 12 stories per section.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // Equal places keep the sections' own order.
        var treeOrder = Sections.Select((s, i) => (s.Id, i)).ToDictionary(s => s.Id, s => s.i);
        var chosen = (Form.SectionOrder ?? [])
            .Where(s => s.Value is > 0 && treeOrder.ContainsKey(s.Key))
            .OrderBy(s => s.Value).ThenBy(s => treeOrder[s.Key])
            .Select(s => s.Key).ToList();
        var values = new Dictionary<string, string>
        {
            [Prefix + nameof(FrontPageOptions.LeadStoryId)] = Form.LeadStoryId?.ToString(CultureInfo.InvariantCulture) ?? "",
            [Prefix + nameof(FrontPageOptions.StoriesPerSection)] = Form.StoriesPerSection.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < chosen.Count; i++)
        {
            values[$"{Prefix}{nameof(FrontPageOptions.Sections)}:{i}"] = chosen[i].ToString(CultureInfo.InvariantCulture);
        }
        await store.SaveAsync(values, [Prefix + nameof(FrontPageOptions.Sections)], cancellationToken);
        Message = "Front page saved. Readers see it from the next page they open.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stories = await db.Articles.AsNoTracking().Published().Posts()
            .OrderByDescending(a => a.IsSticky).ThenByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => new StoryChoice(a.Id, a.Title, a.PublishedAt!.Value, a.IsSticky))
            .Take(50)
            .ToListAsync(cancellationToken);
        if (Form.LeadStoryId is { } lead && stories.All(s => s.Id != lead))
        {
            stories.InsertRange(0, await db.Articles.AsNoTracking().Published().Posts().Where(a => a.Id == lead)
                .Select(a => new StoryChoice(a.Id, a.Title, a.PublishedAt!.Value, a.IsSticky)).ToListAsync(cancellationToken));
        }
        Stories = stories;
        var tree = await CategoryTree.LoadAsync(db, cancellationToken);
        var rows = new List<SectionRow>();
        foreach (var top in tree.TopLevel())
        {
            rows.Add(new SectionRow(top.Id, top.Name, false));
            rows.AddRange(tree.ChildrenOf(top.Id).Select(c => new SectionRow(c.Id, c.Name, true)));
        }
        Sections = rows;
    }
}
