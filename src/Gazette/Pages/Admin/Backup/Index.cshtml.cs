using Gazette.Features.Backup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin.Backup;

/// <summary>
/// Administrators take a backup of the whole site (built in the background while the page shows its
/// progress, then downloaded), download the archives kept on the site, and replace the site with a backup
/// (the form posts to <see cref="RestoreModel"/>; a restore that is running shows its progress here).
/// </summary>
public sealed class IndexModel(BackupJobs backups, BackupJobFile jobs, StoredBackups stored) : PageModel
{
    /// <summary>The running or last backup, as every instance shares it; null when the last job was a restore.</summary>
    public BackupJob? Job { get; private set; }

    /// <summary>The running or last restore; null when the last job was a backup.</summary>
    public BackupJob? Restore { get; private set; }

    public IReadOnlyList<StoredBackups.Archive> Archives { get; private set; } = [];

    public string? Error { get; private set; }

    public void OnGet() => Load();

    public IActionResult OnPost()
    {
        if (!backups.Start(User.Identity?.Name ?? "?"))
        {
            Load();
            Error = "A backup or a restore is running already: wait for it to finish.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return RedirectToPage();
    }

    /// <summary>The last backup, whichever instance made it: by the name the shared state gives, matched against the archives kept.</summary>
    public IActionResult OnGetDownload() =>
        backups.FinishedArchive() is { } archive ? PhysicalFile(archive.Path, "application/zip", archive.Name) : NotFound();

    /// <summary>An archive kept in <c>backups/</c> (the safety backup among them), by its listed name only.</summary>
    public IActionResult OnGetArchive(string? name) =>
        stored.Find(name) is { } archive ? PhysicalFile(archive.Path, "application/zip", archive.Name) : NotFound();

    private void Load()
    {
        // Read once: the page must show one state of the job throughout.
        var current = jobs.Current;
        Job = current is { Kind: BackupJobKind.Backup } ? current : null;
        Restore = current is { Kind: BackupJobKind.Restore } ? current : null;
        Archives = stored.List();
    }
}
