using Gazette.Data;
using Gazette.Features.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Media;

/// <summary>One library image: its sizes, where it is used, its alt text, caption and credit; and deleting it.</summary>
public sealed class EditModel(GazetteDbContext db, DeleteMedia deleteMedia) : PageModel
{
    public sealed record Variant(string Path, string ContentType, int Width, int Height, long Bytes)
    {
        public string Format => FormatOf(ContentType);
    }

    [BindProperty]
    public MediaDetailsForm Form { get; set; } = new();

    /// <summary>As on the library page: the article whose featured image is being chosen.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Pick { get; set; }

    public MediaItem Item { get; private set; } = null!;
    public string? UploadedBy { get; private set; }
    public IReadOnlyList<Variant> Variants { get; private set; } = [];
    public IReadOnlyList<MediaUse> Uses { get; private set; } = [];

    /// <summary>True after a refused delete: <see cref="Uses"/> says why.</summary>
    public bool DeleteRefused { get; private set; }

    /// <summary>A copy wide enough for the preview, in the original's format.</summary>
    public string Preview => Variants.Where(v => v.ContentType == Item.ContentType && v.Width <= 960)
        .OrderByDescending(v => v.Width).Select(v => v.Path).FirstOrDefault() ?? Item.Path;

    [TempData]
    public string? Message { get; set; }

    /// <summary>Whatever the handler, <see cref="Pick"/> goes into links only when it names an article.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Pick = MediaPicker.ValidPick(Pick);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Form = new MediaDetailsForm { AltText = Item.AltText, Caption = Item.Caption, Credit = Item.Credit };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var updated = await db.MediaItems.Where(m => m.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.AltText, Blank(Form.AltText))
            .SetProperty(m => m.Caption, Blank(Form.Caption))
            .SetProperty(m => m.Credit, Blank(Form.Credit)), cancellationToken);
        if (updated == 0)
        {
            return NotFound();
        }
        Message = "Saved. Articles that already show this image keep their own alt text, caption and credit.";
        return RedirectToPage(new { id, pick = Pick });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var result = await deleteMedia.ExecuteAsync(id, cancellationToken);
        switch (result.Outcome)
        {
            case DeleteMedia.Outcome.NotFound:
                return NotFound();
            case DeleteMedia.Outcome.InUse:
                await LoadAsync(id, cancellationToken);
                Form = new MediaDetailsForm { AltText = Item.AltText, Caption = Item.Caption, Credit = Item.Credit };
                DeleteRefused = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                Message = $"“{result.FileName}” was deleted, with all its sizes.";
                return RedirectToPage("Index", new { pick = Pick });
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.MediaItems.AsNoTracking().Include(m => m.Variants).Include(m => m.UploadedBy)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }
        Item = item;
        UploadedBy = item.UploadedBy?.DisplayName;
        Variants = item.Variants.OrderBy(v => v.Width).ThenBy(v => v.ContentType)
            .Select(v => new Variant(v.Path, v.ContentType, v.Width, v.Height, v.Bytes)).ToList();
        Uses = await DeleteMedia.UsesAsync(db, item, cancellationToken);
        return true;
    }

    /// <summary>"JPEG", "PNG", "GIF" or "WebP", from the content type.</summary>
    public static string FormatOf(string contentType) =>
        contentType == "image/webp" ? "WebP" : contentType["image/".Length..].ToUpperInvariant();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
