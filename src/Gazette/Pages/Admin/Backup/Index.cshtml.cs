using Gazette.Features.Backup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin.Backup;

/// <summary>
/// Administrators take a backup of the whole site (built in the background while the page shows its
/// progress, then downloaded). Restoring is done from the command line, into an empty data folder.
/// </summary>
public sealed class IndexModel(BackupJobs jobs) : PageModel
{
    public BackupJobs.Job? Job { get; private set; }

    public string? Error { get; private set; }

    public int Percent => Job is { Progress.Total: > 0 } job ? Math.Min(100, job.Progress.Done * 100 / job.Progress.Total) : 0;

    public void OnGet() => Job = jobs.Current;

    public IActionResult OnPost()
    {
        if (!jobs.Start(User.Identity?.Name ?? "?"))
        {
            Job = jobs.Current;
            Error = "A backup is being made already: wait for it, then download it.";
            return Page();
        }
        return RedirectToPage();
    }

    public IActionResult OnGetDownload()
    {
        if (jobs.FinishedArchive() is not { } path)
        {
            return NotFound();
        }
        return PhysicalFile(path, "application/zip", jobs.Current!.FileName);
    }
}
