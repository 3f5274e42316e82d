namespace Gazette.Features.Backup;

/// <summary>
/// Builds a backup started from the staff area in the background, one backup or restore at a time across
/// the instances (<see cref="BackupJobFile"/>), whose progress and finished archive every instance shows.
/// The archive waits in <c>backups/</c> in the shared data folder (not in media, so never served) until the
/// next backup replaces it.
/// </summary>
public sealed class BackupJobs(
    IServiceScopeFactory scopes, StoredBackups stored, BackupJobFile jobs, RunningBackupTasks tasks, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<BackupJobs> logger)
{
    /// <summary>Starts a backup; false when a backup or a restore is already running, on this instance or another.</summary>
    public bool Start(string startedBy)
    {
        var name = $"{StoredBackups.BackupPrefix}{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.zip";
        if (jobs.TryClaim(BackupJobKind.Backup, startedBy, name) is not { } job)
        {
            return false;
        }
        tasks.Run(() => RunAsync(job, Path.Combine(stored.Folder, name)));
        return true;
    }

    /// <summary>The last backup's archive once it is finished, from whichever instance made it; null when there is none.</summary>
    public StoredBackups.Archive? FinishedArchive() =>
        jobs.Current is { Kind: BackupJobKind.Backup, Succeeded: true } job ? stored.Find(job.ArchiveName) : null;

    private async Task RunAsync(RunningBackupJob job, string path)
    {
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var backup = scope.ServiceProvider.GetRequiredService<CreateBackup>();
            await backup.ExecuteAsync(path, new InlineProgress<BackupProgress>(job.Report), lifetime.ApplicationStopping);
            // Only now: should this one fail, the last one is still there to download.
            stored.DeleteBackupsOtherThan(path);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The backup started by {User} failed.", job.State.StartedBy);
            error = e is OperationCanceledException ? "The site stopped during the backup." : "The backup failed: " + e.Message;
        }
        finally
        {
            job.Finish(state => error is null ? state with { Succeeded = true } : state with { Error = error });
        }
    }
}
