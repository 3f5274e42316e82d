using System.Globalization;
using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Admin.Media;

/// <summary>
/// The media library: upload (several files at once), browse newest first, search by file name,
/// alt text, caption or credit. With <c>?pick=ID</c> (or <c>new</c>) each image offers to become
/// that article's featured image.
/// </summary>
[AcceptsUploads]
public sealed class IndexModel(GazetteDbContext db, UploadMedia uploadMedia, IOptionsMonitor<MediaSettings> settings) : PageModel
{
    private const int PageSize = 24;

    public sealed record Added(int Id, string FileName);

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The article whose featured image is being chosen: its id, or "new".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Pick { get; set; }

    public string? PickTitle { get; private set; }

    public IReadOnlyList<MediaCard> Items { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public int Total { get; private set; }

    /// <summary>Files of a partly refused upload that were stored all the same.</summary>
    public IReadOnlyList<Added> Stored { get; private set; } = [];

    public MediaSettings Limits => settings.CurrentValue;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        if (!await DescribePickAsync(cancellationToken))
        {
            return NotFound();
        }
        await LoadAsync(page, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Pick = MediaPicker.ValidPick(Pick);
        var limits = settings.CurrentValue;
        var files = Files.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (files.Count == 0)
        {
            ModelState.AddModelError(nameof(Files), "Choose one or more images to upload.");
        }
        else if (files.Count > limits.MaxFilesPerUpload)
        {
            ModelState.AddModelError(nameof(Files), $"Upload at most {limits.MaxFilesPerUpload} images at a time; you chose {files.Count}. Nothing was stored.");
        }
        var stored = new List<Added>();
        var alreadyThere = 0;
        // 413 when every refusal was for size (bytes or pixels), else 400.
        var onlyTooLarge = ModelState.IsValid;
        if (ModelState.IsValid)
        {
            var uploader = User.FindFirstValue(ClaimTypes.NameIdentifier);
            foreach (var file in files)
            {
                var result = await uploadMedia.ExecuteAsync(file, uploader, null, cancellationToken);
                if (result.Item is { } item)
                {
                    stored.Add(new Added(item.Id, item.OriginalFileName));
                    alreadyThere += result.AlreadyInLibrary ? 1 : 0;
                }
                else
                {
                    ModelState.AddModelError(nameof(Files), result.Error!);
                    onlyTooLarge &= result.TooLarge;
                }
            }
        }
        if (ModelState.IsValid)
        {
            var note = alreadyThere > 0 ? $" {alreadyThere} of them {(alreadyThere == 1 ? "was" : "were")} already in the library." : "";
            if (stored.Count == 1)
            {
                Message = alreadyThere == 1
                    ? "That image is already in the library: here it is."
                    : "Image added, without its location and camera details. Describe it for readers who cannot see it.";
                return RedirectToPage("Edit", new { id = stored[0].Id, pick = Pick });
            }
            Message = $"{stored.Count} images added.{note}";
            return RedirectToPage(new { pick = Pick });
        }

        Stored = stored;
        Response.StatusCode = onlyTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        await DescribePickAsync(cancellationToken);
        await LoadAsync(1, cancellationToken);
        return Page();
    }

    /// <summary>Where "Use this image" goes: back to the editor with the image chosen.</summary>
    public string UseUrl(int mediaId) => Pick == "new"
        ? $"/admin/articles/edit?media={mediaId}"
        : $"/admin/articles/edit/{Pick}?media={mediaId}";

    public string PageUrl(int page) => "/admin/media" +
        QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q,
            ["pick"] = Pick,
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToString();

    /// <summary>False when <see cref="Pick"/> names no article.</summary>
    private async Task<bool> DescribePickAsync(CancellationToken cancellationToken)
    {
        var asked = Pick;
        Pick = MediaPicker.ValidPick(Pick);
        if (Pick is null)
        {
            return asked is null;
        }
        if (Pick == "new")
        {
            PickTitle = "a new article";
            return true;
        }
        var articleId = int.Parse(Pick, CultureInfo.InvariantCulture);
        var title = await db.Articles.Where(a => a.Id == articleId).Select(a => a.Title).SingleOrDefaultAsync(cancellationToken);
        PickTitle = title is null ? null : $"“{title}”";
        return title is not null;
    }

    private async Task LoadAsync(int page, CancellationToken cancellationToken)
    {
        var query = db.MediaItems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF turns ToLower() into SQL LOWER(); the culture-aware overloads do not translate.
            query = query.Where(m => m.OriginalFileName.ToLower().Contains(q)
                || (m.AltText != null && m.AltText.ToLower().Contains(q))
                || (m.Caption != null && m.Caption.ToLower().Contains(q))
                || (m.Credit != null && m.Credit.ToLower().Contains(q)));
#pragma warning restore CA1304, CA1311, CA1862
        }
        Total = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page, 1, PageCount);
        Items = await query.NewestFirst().Skip((PageNumber - 1) * PageSize).Take(PageSize).AsCards().ToListAsync(cancellationToken);
    }
}
