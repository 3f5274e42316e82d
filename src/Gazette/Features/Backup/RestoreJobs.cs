using System.Security.Cryptography;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Backup;

/// <summary>
/// Replaces the site with a backup, started by an Administrator from the staff area and run in the
/// background, one at a time across the instances and never beside a backup (<see cref="BackupJobFile"/>):
/// the archive is checked whole, a safety backup of the site as it is is made, then the media and the
/// database are replaced, the page cache emptied and every session ended. The job's state is kept in the
/// shared data folder, not in the database it replaces, so its progress and outcome survive the swap and
/// every instance shows them; the one who started it follows it with a ticket (a cookie of its own, not
/// the sign-in the restore ends) on a page that needs no sign-in.
/// </summary>
public sealed class RestoreJobs(
    IServiceScopeFactory scopes, RunningBackupTasks tasks, StoredBackups stored, BackupJobFile jobs, IHostApplicationLifetime lifetime, ILogger<RestoreJobs> logger)
{
    /// <param name="Path">The archive.</param>
    /// <param name="ArchiveName">The archive as the Administrator knows it: the uploaded file's name, or the stored archive's.</param>
    /// <param name="DeleteArchiveAfter">An uploaded archive is deleted once the restore is over; a stored one is kept.</param>
    /// <param name="StartedBy">The Administrator's user name.</param>
    public sealed record Request(string Path, string ArchiveName, bool DeleteArchiveAfter, string StartedBy);

    /// <summary>Starts the restore; its ticket, or null when a backup, a restore or a WordPress import is running.</summary>
    public async Task<string?> StartAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // An import writes into the tables the restore replaces (its own job row among them): let it finish first.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            if (await db.ImportJobs.AnyAsync(j => j.State != ImportJobState.Finished, cancellationToken))
            {
                return null;
            }
        }
        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (jobs.TryClaim(BackupJobKind.Restore, request.StartedBy, request.ArchiveName, BackupJob.HashTicket(ticket)) is not { } job)
        {
            return null;
        }
        tasks.Run(() => RunAsync(job, request));
        return ticket;
    }

    private async Task RunAsync(RunningBackupJob job, Request request)
    {
        BackupManifest? restored = null;
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var restore = scope.ServiceProvider.GetRequiredService<RestoreBackup>();
            var progress = new InlineProgress<BackupProgress>(job.Report);
            restored = await restore.ExecuteAsync(request.Path, RestoreInto.ReplaceSite, progress, async cancellationToken =>
            {
                var safety = stored.NewSafetyBackupPath();
                var backup = scope.ServiceProvider.GetRequiredService<CreateBackup>();
                await backup.ExecuteAsync(safety, new InlineProgress<BackupProgress>(p => job.Report(p with { Stage = "Safety backup: " + p.Stage })), cancellationToken);
                job.Update(state => state with { SafetyBackup = Path.GetFileName(safety) });
            }, lifetime.ApplicationStopping);
            // Only once the site is replaced: should the restore fail, an older safety backup may be the only copy of a
            // site (the one before the last restore, say, which an Administrator is restoring now to undo it).
            if (job.State.SafetyBackup is { } made)
            {
                stored.DeleteSafetyBackupsOtherThan(Path.Combine(stored.Folder, made), request.Path);
            }
            logger.LogWarning("{User} replaced the site with the backup made at {MadeAt:u} ({Archive}).", request.StartedBy, restored.CreatedAt, request.ArchiveName);
        }
        catch (BackupRefusedException e)
        {
            error = e.Message;
        }
        catch (SiteReplacedException e)
        {
            logger.LogError(e, "The restore started by {User} replaced the site, then failed.", request.StartedBy);
            error = e.Message;
        }
        catch (OperationCanceledException)
        {
            error = "The site stopped during the restore. The database is replaced all or nothing and the media folder was put back: the site is as it was.";
        }
        catch (Exception e)
        {
            logger.LogError(e, "The restore started by {User} failed.", request.StartedBy);
            error = $"The restore failed: {e.Message} The database is replaced all or nothing and the media folder was put back: the site is as it was.";
        }
        finally
        {
            try
            {
                if (request.DeleteArchiveAfter)
                {
                    File.Delete(request.Path);
                }
            }
            finally
            {
                job.Finish(state => restored is not null
                    ? state with { Succeeded = true, BackupMadeAt = restored.CreatedAt }
                    : state with { Error = error ?? "The restore failed." });
            }
        }
    }
}
