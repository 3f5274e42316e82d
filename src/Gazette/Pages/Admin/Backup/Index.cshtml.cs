using Gazette.Features.Backup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin.Backup;

/// <summary>
/// Administrators take a backup of the whole site (built in the background while the page shows its
/// progress, then downloaded), download the archives kept on the site, and replace the site with a backup
/// (the form posts to <see cref="RestoreModel"/>; a restore that is running shows its progress here).
/// </summary>
public sealed class IndexModel(BackupJobs jobs, RestoreJobs restores, StoredBackups stored) : PageModel
{
    public BackupJobs.Job? Job { get; private set; }

    public RestoreJobs.Job? Restore { get; private set; }

    public IReadOnlyList<StoredBackups.Archive> Archives { get; private set; } = [];

    public string? Error { get; private set; }

    public int Percent => Job is { Progress.Total: > 0 } job ? Math.Min(100, job.Progress.Done * 100 / job.Progress.Total) : 0;

    public int RestorePercent => Restore is { Progress.Total: > 0 } job ? Math.Min(100, job.Progress.Done * 100 / job.Progress.Total) : 0;

    public void OnGet() => Load();

    public IActionResult OnPost()
    {
        if (!jobs.Start(User.Identity?.Name ?? "?"))
        {
            Load();
            Error = "A backup or a restore is running already: wait for it to finish.";
            Response.StatusCode = StatusCodes.Status409Conflict;
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

    /// <summary>An archive kept in <c>backups/</c> (the safety backup among them), by its listed name only.</summary>
    public IActionResult OnGetArchive(string? name) =>
        stored.Find(name) is { } archive ? PhysicalFile(archive.Path, "application/zip", archive.Name) : NotFound();

    private void Load()
    {
        Job = jobs.Current;
        Restore = restores.Current;
        Archives = stored.List();
    }
}
