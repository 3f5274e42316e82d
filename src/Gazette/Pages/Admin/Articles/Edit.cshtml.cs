using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Media;
using Gazette.Infrastructure;
using Gazette.Pages.Admin.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Articles;

[AcceptsUploads]
public sealed class EditModel(
    GazetteDbContext db, SaveArticle saveArticle, IAuthorizationService authorization, Autosaves autosaves, ArticleContent content,
    SiteTime siteTime, UploadMedia uploadMedia)
    : PageModel
{
    public sealed record CategoryOption(int Id, string Name, int Depth);

    public sealed record PageOption(int Id, string Title, int Depth);

    public sealed record BylineOption(string Id, string Name);

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? FeaturedImage { get; set; }

    /// <summary>"Publish on" as typed, in the site's language (<see cref="SiteTime.EntryPattern"/>); read into <see cref="ArticleForm.PublishAt"/>.</summary>
    [BindProperty]
    public string? PublishOn { get; set; }

    /// <summary>How "Publish on" is typed here, shown as an example: now, in the site's format.</summary>
    public string PublishOnExample => siteTime.ToEntry(ToMinute(siteTime.Now));

    /// <summary>The order of day, month and year in "Publish on", for the script that relabels the button.</summary>
    public string PublishOnOrder => siteTime.EntryOrder;

    public int? ArticleId { get; private set; }
    public ArticleStatus? Status { get; private set; }
    public string? PublicUrl { get; private set; }

    /// <summary>For the "Revisions (N)" link.</summary>
    public int RevisionCount { get; private set; }
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>Pages this page may sit under (pages only).</summary>
    public IReadOnlyList<PageOption> ParentChoices { get; private set; } = [];

    public bool IsPage => Form.Kind == ArticleKind.Page;

    /// <summary>"article" or "page", for headings and messages.</summary>
    public string Noun => IsPage ? "page" : "article";

    /// <summary>The user may publish; otherwise the editor offers "Submit for review".</summary>
    public bool CanPublish { get; private set; }

    public bool CanUpload { get; private set; }

    /// <summary>The editor offers a new category (Editors and Administrators).</summary>
    public bool CanAddCategories { get; private set; }

    /// <summary>The editor offers "Sticky" (Editors and Administrators).</summary>
    public bool CanMakeSticky { get; private set; }

    /// <summary>The staff whose name may go on the byline, for Editors and Administrators; empty for others, who keep it.</summary>
    public IReadOnlyList<BylineOption> Bylines { get; private set; } = [];

    /// <summary>The name on the byline now, for those who cannot change it.</summary>
    public string BylineName { get; private set; } = "";

    /// <summary>The other names on the byline now, for those who cannot change them.</summary>
    public IReadOnlyList<string> CoAuthorNames { get; private set; } = [];

    /// <summary>Where the article just published can be read, for the notice after the save.</summary>
    public string? LiveUrl { get; private set; }

    private const string LiveUrlKey = "Gazette.Editor.LiveUrl";

    /// <summary>Unsaved work from an earlier visit, newer than the article.</summary>
    public AutosaveOffer? Autosave { get; private set; }

    /// <summary>The article's last save, so the browser can tell whether its own copy is newer.</summary>
    public DateTime? SavedAt { get; private set; }

    public EditorPreview? Preview { get; private set; }

    /// <summary>When the autosave just put back into the form was made.</summary>
    public DateTime? Restored { get; private set; }
    /// <summary>Library images to pick from, for those who may upload.</summary>
    public IReadOnlyList<MediaCard> LibraryChoices { get; private set; } = [];
    /// <summary>When a scheduled article goes out, as readers will see the date.</summary>
    public string? ScheduledFor { get; private set; }

    /// <summary>The site's time zone, which the publication time is entered in.</summary>
    public string TimeZoneName => siteTime.TimeZone.Id;

    /// <summary>The site's clocks now, for the script that relabels the publish button as the time is typed.</summary>
    public string SiteNow => siteTime.Now.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public string PublishLabel => Form.PublishAt > siteTime.Now ? "Schedule" : Status == ArticleStatus.Published ? "Update" : "Publish";

    /// <summary>
    /// What the last save did, shown once after its redirect. Read and written by hand, not as a
    /// [TempData] property: that would load (and so use up) the message on every handler, and a
    /// preview or autosave request still in flight from the page being left would take it.
    /// </summary>
    public string? Message { get; private set; }

    private const string MessageKey = "Gazette.Editor.Message";

    // media: a library image picked on the library's page (?media=ID), shown as chosen.
    // kind: "page" when a new static page is started rather than an article.
    public async Task<IActionResult> OnGetAsync(
        int? id, bool restore, [FromQuery] int? media, [FromQuery] string? kind, CancellationToken cancellationToken)
    {
        Form.Kind = kind == "page" ? ArticleKind.Page : ArticleKind.Post;
        Message = TempData[MessageKey] as string;
        LiveUrl = TempData[LiveUrlKey] as string;
        if (IsPage && !ArticlePermissions.CanManagePages(User))
        {
            return Forbid();
        }
        if (id is { } articleId)
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Categories).Include(a => a.Tags).Include(a => a.CoAuthors)
                .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
            if (article is null)
            {
                return NotFound();
            }
            if (!ArticlePermissions.CanEdit(User, article))
            {
                return Forbid();
            }
            Form = new ArticleForm
            {
                Kind = article.Kind,
                ParentId = article.ParentId,
                MenuOrder = article.MenuOrder,
                Title = article.Title,
                Slug = article.Slug,
                Body = article.Body,
                Excerpt = article.Excerpt,
                FeaturedImageUrl = article.FeaturedImageUrl,
                FeaturedImageAlt = article.FeaturedImageAlt,
                FeaturedImageCaption = article.FeaturedImageCaption,
                FeaturedImageCredit = article.FeaturedImageCredit,
                SearchTitle = article.SearchTitle,
                SearchDescription = article.SearchDescription,
                EnclosureUrl = article.EnclosureUrl,
                CategoryIds = article.Categories.Select(c => c.Id).ToList(),
                Tags = string.Join(", ", article.Tags.Select(t => t.Name).Order()),
                CommentsOpen = article.CommentsOpen,
                IsSticky = article.IsSticky,
                Password = article.Password,
                AuthorId = article.AuthorId,
                CoAuthorIds = article.CoAuthors.OrderBy(c => c.Position).Select(c => c.UserId).ToList(),
                PublishAt = article.PublishedAt is { } publishedAt ? ToMinute(siteTime.ToLocal(publishedAt)) : null,
            };
            Describe(article);
            RevisionCount = await db.ArticleRevisions.CountAsync(r => r.ArticleId == articleId, cancellationToken);
        }
        Autosave = await autosaves.FindAsync(UserId, id, SavedAt, cancellationToken);
        if (restore && Autosave is not null)
        {
            Form = Autosave.Form;
            Form.Kind = id is null ? Form.Kind : Autosave.Form.Kind;
            Restored = Autosave.SavedAt;
            Autosave = null;
        }
        Form.FeaturedMediaId = media;
        PublishOn = Form.PublishAt is { } at ? siteTime.ToEntry(at) : null;
        await PrepareAsync(cancellationToken);
        if (CanUpload && media is { } mediaId && await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mediaId, cancellationToken) is { } picked)
        {
            await SaveArticle.PickLibraryImageAsync(db, Form, picked, cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string intent, CancellationToken cancellationToken)
    {
        var saveIntent = intent switch
        {
            "publish" => SaveIntent.Publish,
            "private" => SaveIntent.Private,
            "submit" => SaveIntent.SubmitForReview,
            _ => SaveIntent.Draft,
        };
        if (id is { } existingId)
        {
            var stored = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == existingId, cancellationToken);
            if (stored is null)
            {
                return NotFound();
            }
            if (!ArticlePermissions.CanEdit(User, stored))
            {
                return Forbid();
            }
            Form.Kind = stored.Kind;
        }
        else if (IsPage && !ArticlePermissions.CanManagePages(User))
        {
            return Forbid();
        }
        await PrepareAsync(cancellationToken);
        if ((saveIntent is SaveIntent.Publish or SaveIntent.Private && !CanPublish) || ((FeaturedImage is { Length: > 0 } || Form.FeaturedMediaId is not null) && !CanUpload))
        {
            return Forbid();
        }

        ReadPublishOn();
        if (!CanPublish)
        {
            Form.PublishAt = null;
        }

        if (ModelState.IsValid)
        {
            var result = await saveArticle.ExecuteAsync(id, Form, FeaturedImage, saveIntent, User, cancellationToken);
            if (result.Succeeded)
            {
                var article = result.Article!;
                await autosaves.DiscardAsync(UserId, id, cancellationToken);
                TempData[MessageKey] = article.Status switch
                {
                    ArticleStatus.Published when article.IsProtected => $"{(IsPage ? "Page" : "Article")} published, protected by its password: readers see the headline until they enter it.",
                    ArticleStatus.Published => IsPage ? "Page published." : "Article published.",
                    ArticleStatus.Scheduled => $"Scheduled for {siteTime.DateAndTime(article.PublishedAt!.Value)} ({TimeZoneName}).",
                    ArticleStatus.Pending => "Submitted for review. An Editor will publish it or send it back.",
                    ArticleStatus.Private => $"Published for staff only: readers do not see this {Noun}.",
                    _ => "Draft saved.",
                };
                if (article.Status == ArticleStatus.Published)
                {
                    TempData[LiveUrlKey] = ArticleLinks.Of(article.Kind, article.PublishedAt!.Value, article.Slug);
                }
                return RedirectToPage(new { id = article.Id });
            }
            foreach (var (field, error) in result.Errors)
            {
                ModelState.AddModelError(field.Length == 0 || field == "FeaturedImage" ? field : $"Form.{field}", error);
            }
        }

        // Show the form again with everything that was typed.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (id is { } articleId && await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken) is { } existing)
        {
            Describe(existing);
        }
        return Page();
    }

    /// <summary>The live preview: the body rendered by the public page's pipeline, with counts and an excerpt suggestion.</summary>
    public IActionResult OnPostPreview([FromForm(Name = "Form.Body")] string? body) =>
        new JsonResult(content.Preview(body ?? ""));

    /// <summary>Keeps what is typed, without touching the article; answers when it was kept.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is { } articleId)
        {
            var stored = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
            if (stored is null || !ArticlePermissions.CanEdit(User, stored))
            {
                return stored is null ? NotFound() : Forbid();
            }
        }
        ReadPublishOn();
        var savedAt = await autosaves.SaveAsync(UserId, id, Form, cancellationToken);
        return new JsonResult(new { savedAt });
    }

    public async Task<IActionResult> OnPostDiscardAutosaveAsync(int? id, CancellationToken cancellationToken)
    {
        await autosaves.DiscardAsync(UserId, id, cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>A picture of the library as the toolbar puts it into the text.</summary>
    public sealed record InlinePicture(string Path, string Thumbnail, string FileName, string? Alt, string? Caption, string? Credit);

    /// <summary>The library's newest pictures, for the toolbar's "Image" button.</summary>
    public async Task<IActionResult> OnGetLibraryAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, StaffPolicies.UploadMedia)).Succeeded)
        {
            return Forbid();
        }
        var cards = await db.MediaItems.AsNoTracking().NewestFirst().AsCards().Take(60).ToListAsync(cancellationToken);
        var ids = cards.Select(c => c.Id).ToList();
        var facts = await db.MediaItems.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new { m.Path, m.Caption, m.Credit }, cancellationToken);
        return new JsonResult(cards.Where(c => facts.ContainsKey(c.Id))
            .Select(c => new InlinePicture(facts[c.Id].Path, c.Thumbnail, c.FileName, c.AltText, facts[c.Id].Caption, facts[c.Id].Credit)));
    }

    /// <summary>A picture pasted or dropped into the text: stored in the library, answered as the toolbar puts it in.</summary>
    public async Task<IActionResult> OnPostUploadInlineAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, StaffPolicies.UploadMedia)).Succeeded)
        {
            return Forbid();
        }
        if (file is null)
        {
            return BadRequest(new { error = "No picture came with the request." });
        }
        var result = await uploadMedia.ExecuteAsync(file, UserId, null, cancellationToken);
        if (result.Item is not { } item)
        {
            return new JsonResult(new { error = result.Error }) { StatusCode = result.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest };
        }
        return new JsonResult(new InlinePicture(item.Path, item.Path, item.OriginalFileName, item.AltText, item.Caption, item.Credit));
    }

    /// <summary>Existing tags starting with <paramref name="q"/>, for the tag field's suggestions.</summary>
    public async Task<IActionResult> OnGetTagsAsync(string? q, CancellationToken cancellationToken)
    {
        var prefix = (q ?? "").Trim();
        var names = prefix.Length == 0
            ? []
            : await db.Tags.AsNoTracking()
                .Where(t => t.Name.StartsWith(prefix) || t.Slug.StartsWith(Slugs.From(prefix)))
                .OrderBy(t => t.Name).Select(t => t.Name).Take(10).ToListAsync(cancellationToken);
        return new JsonResult(names);
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private void Describe(Article article)
    {
        ArticleId = article.Id;
        Status = article.Status;
        SavedAt = article.UpdatedAt;
        PublicUrl = article.Status is ArticleStatus.Published or ArticleStatus.Private && article.PublishedAt is { } publishedAt ? ArticleLinks.Of(article.Kind, publishedAt, article.Slug) : null;
        ScheduledFor = article.Status == ArticleStatus.Scheduled && article.PublishedAt is { } at ? siteTime.DateAndTime(at) : null;
    }

    /// <summary>"Publish on", when the form sent it, read in the site's format; a form sending the ISO field alone keeps it.</summary>
    private void ReadPublishOn()
    {
        if (!Request.HasFormContentType || !Request.Form.ContainsKey(nameof(PublishOn)))
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(PublishOn))
        {
            Form.PublishAt = null;
        }
        else if (siteTime.FromEntry(PublishOn) is { } local)
        {
            Form.PublishAt = local;
        }
        else
        {
            ModelState.AddModelError(nameof(PublishOn), $"Type the day and time as {PublishOnExample}: day, month and year in the site's order, then the time.");
        }
    }

    private static DateTime ToMinute(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMinute));

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        CanPublish = ArticlePermissions.CanPublish(User);
        CanAddCategories = ArticlePermissions.CanManageCategories(User);
        CanMakeSticky = ArticlePermissions.CanMakeSticky(User);
        Form.AuthorId ??= UserId;
        if (ArticlePermissions.CanEditEveryone(User))
        {
            Bylines = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
                .Select(u => new BylineOption(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        }
        BylineName = Bylines.FirstOrDefault(b => b.Id == Form.AuthorId)?.Name
            ?? await db.Users.Where(u => u.Id == Form.AuthorId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var coAuthorIds = Form.CoAuthorIds ?? [];
        CoAuthorNames = coAuthorIds.Count == 0 ? [] : (await db.Users.Where(u => coAuthorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            .OrderBy(u => coAuthorIds.IndexOf(u.Id)).Select(u => u.DisplayName).ToList();
        Preview = content.Preview(Form.Body);
        CanUpload = (await authorization.AuthorizeAsync(User, StaffPolicies.UploadMedia)).Succeeded;
        LibraryChoices = CanUpload ? await MediaPicker.ChoicesAsync(db, Form.FeaturedMediaId, cancellationToken) : [];
        if (IsPage)
        {
            await LoadParentChoicesAsync(cancellationToken);
        }
        else
        {
            await LoadCategoriesAsync(cancellationToken);
        }
    }

    /// <summary>Every page but this one and those under it, as an indented tree.</summary>
    private async Task LoadParentChoicesAsync(CancellationToken cancellationToken)
    {
        var pages = await db.Articles.AsNoTracking().Where(a => a.Kind == ArticleKind.Page)
            .OrderBy(a => a.MenuOrder).ThenBy(a => a.Title)
            .Select(a => new { a.Id, a.Title, a.ParentId }).ToListAsync(cancellationToken);
        var options = new List<PageOption>();
        void Add(int? parentId, int depth)
        {
            foreach (var page in pages.Where(p => p.ParentId == parentId && p.Id != ArticleId))
            {
                options.Add(new PageOption(page.Id, page.Title, depth));
                if (depth < 10)
                {
                    Add(page.Id, depth + 1);
                }
            }
        }
        Add(null, 0);
        ParentChoices = options;
    }

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.ParentId }).ToListAsync(cancellationToken);
        var options = new List<CategoryOption>();
        void Add(int? parentId, int depth)
        {
            foreach (var category in all.Where(c => c.ParentId == parentId))
            {
                options.Add(new CategoryOption(category.Id, category.Name, depth));
                if (depth < 10)
                {
                    Add(category.Id, depth + 1);
                }
            }
        }
        Add(null, 0);
        Categories = options;
    }
}
