using Gazette.Data;
using Gazette.Features.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Media;

/// <summary>
/// One library image: its sizes, where it is used, its alt text, caption and credit; and deleting
/// it, for those <see cref="MediaPermissions"/> lets manage it (the others see it and may use it).
/// </summary>
public sealed class EditModel(GazetteDbContext db, DescribeMedia describeMedia, DeleteMedia deleteMedia, IAuthorizationService authorization)
    : PageModel
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

    /// <summary>The user may change the description and delete the image.</summary>
    public bool CanManage { get; private set; }

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
        Form = new MediaDetailsForm { AltText = Item.AltText, Caption = Item.Caption, Credit = Item.Credit, Description = Item.Description };
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
            if (!CanManage)
            {
                return Forbid();
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var description = new MediaDescription(Form.AltText, Form.Caption, Form.Credit, Form.Description);
        var outcome = await describeMedia.ExecuteAsync(id, description, User, cancellationToken);
        if (outcome != DescribeMedia.Outcome.Saved)
        {
            return outcome == DescribeMedia.Outcome.NotFound ? NotFound() : Forbid();
        }
        Message = "Saved. Articles that already show this image keep their own alt text, caption and credit.";
        return RedirectToPage(new { id, pick = Pick });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var result = await deleteMedia.ExecuteAsync(id, User, cancellationToken);
        switch (result.Outcome)
        {
            case DeleteMedia.Outcome.NotFound:
                return NotFound();
            case DeleteMedia.Outcome.Forbidden:
                return Forbid();
            case DeleteMedia.Outcome.InUse:
                await LoadAsync(id, cancellationToken);
                Form = new MediaDetailsForm { AltText = Item.AltText, Caption = Item.Caption, Credit = Item.Credit, Description = Item.Description };
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
        CanManage = (await authorization.AuthorizeAsync(User, item, MediaPermissions.Manage)).Succeeded;
        return true;
    }

    /// <summary>"JPEG", "PNG", "GIF" or "WebP", from the content type.</summary>
    public static string FormatOf(string contentType) =>
        contentType == "image/webp" ? "WebP" : contentType["image/".Length..].ToUpperInvariant();
}
