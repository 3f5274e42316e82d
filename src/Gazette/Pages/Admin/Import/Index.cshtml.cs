using Gazette.Features.WordPress;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin.Import;

/// <summary>
/// Administrators move a site in from WordPress (an export file, imported in the background while
/// the page shows its progress, then the report) and out again (the whole site as a WXR download).
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class IndexModel(WordPressImportJobs jobs, TimeProvider clock) : PageModel
{
    public const long MaxUploadBytes = 1024L * 1024 * 1024;

    public WordPressImportJobs.Job? Job { get; private set; }

    public string? Error { get; private set; }

    public int Percent => Job is { Progress.Total: > 0 } job ? Math.Min(100, job.Progress.Done * 100 / job.Progress.Total) : 0;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Job = await jobs.CurrentAsync(cancellationToken);

    /// <summary>Ticked: attachments missing from the uploads zip are downloaded from the old site.</summary>
    [BindProperty]
    public bool DownloadAttachments { get; set; }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, IFormFile? uploads, CancellationToken cancellationToken)
    {
        Job = await jobs.CurrentAsync(cancellationToken);
        if (file is not { Length: > 0 })
        {
            Error = "Choose the export file WordPress made (Tools → Export), an .xml file.";
            return Page();
        }
        if (uploads is { Length: > 0 } && !uploads.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            Error = "The uploads must be a .zip of WordPress's wp-content/uploads folder.";
            return Page();
        }
        await using var export = file.OpenReadStream();
        await using var zip = uploads is { Length: > 0 } ? uploads.OpenReadStream() : null;
        var request = new WordPressImportJobs.Request(export, zip, DownloadAttachments, User.Identity?.Name ?? "?", clock.GetUtcNow().UtcDateTime);
        if (await jobs.StartAsync(request, cancellationToken) is { } refused)
        {
            Error = refused;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportWordPressDownload download, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        await download.WriteAsync(HttpContext, cancellationToken);
        return new EmptyResult();
    }
}
