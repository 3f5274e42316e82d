using System.Security.Cryptography;
using System.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Backup;

/// <summary>
/// Replaces the site with a backup, started by an Administrator from the staff area and run in the
/// background, one at a time per app instance (and never beside a backup): the archive is checked whole,
/// a safety backup of the site as it is is made, then the media and the database are replaced, the page
/// cache emptied and every session ended. The job lives here, in memory, not in the database it replaces,
/// so its progress and outcome survive the swap; the one who started it follows it with a ticket (a
/// cookie of its own, not the sign-in the restore ends) on a page that needs no sign-in.
/// </summary>
public sealed class RestoreJobs(
    IServiceScopeFactory scopes, StoredBackups stored, BackupJobSlot slot, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<RestoreJobs> logger)
{
    private readonly Lock _lock = new();
    private Job? _current;

    public sealed class Job
    {
        public required string StartedBy { get; init; }
        public required DateTime StartedAt { get; init; }

        /// <summary>The archive as the Administrator knows it: the uploaded file's name, or the stored archive's.</summary>
        public required string ArchiveName { get; init; }

        public required string Path { get; init; }

        /// <summary>An uploaded archive is deleted once the restore is over; a stored one is kept.</summary>
        public required bool DeleteArchiveAfter { get; init; }

        /// <summary>Only its hash is kept: the ticket itself is in the starting browser's cookie.</summary>
        public required byte[] TicketHash { get; init; }

        public BackupProgress Progress { get; set; } = new("Waiting", 0, 0);
        public string? SafetyBackup { get; set; }
        public DateTime? BackupMadeAt { get; set; }
        public string? Error { get; set; }
        public bool Succeeded { get; set; }
        public bool Finished => Succeeded || Error is not null;

        public bool HasTicket(string? ticket) =>
            ticket is not null && CryptographicOperations.FixedTimeEquals(Hash(ticket), TicketHash);
    }

    public sealed record Request(string Path, string ArchiveName, bool DeleteArchiveAfter, string StartedBy);

    public Job? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

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
        if (!slot.TryTake())
        {
            return null;
        }
        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var job = new Job
        {
            StartedBy = request.StartedBy,
            StartedAt = clock.GetUtcNow().UtcDateTime,
            ArchiveName = request.ArchiveName,
            Path = request.Path,
            DeleteArchiveAfter = request.DeleteArchiveAfter,
            TicketHash = Hash(ticket),
        };
        lock (_lock)
        {
            _current = job;
        }
        _ = Task.Run(() => RunAsync(job), CancellationToken.None);
        return ticket;
    }

    private async Task RunAsync(Job job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var restore = scope.ServiceProvider.GetRequiredService<RestoreBackup>();
            var progress = new InlineProgress<BackupProgress>(p => job.Progress = p);
            var manifest = await restore.ExecuteAsync(job.Path, RestoreInto.ReplaceSite, progress, async cancellationToken =>
            {
                var safety = stored.NewSafetyBackupPath();
                var backup = scope.ServiceProvider.GetRequiredService<CreateBackup>();
                await backup.ExecuteAsync(safety, new InlineProgress<BackupProgress>(p => job.Progress = p with { Stage = "Safety backup: " + p.Stage }), cancellationToken);
                stored.DeleteSafetyBackupsOtherThan(safety);
                job.SafetyBackup = System.IO.Path.GetFileName(safety);
            }, lifetime.ApplicationStopping);
            job.BackupMadeAt = manifest.CreatedAt;
            job.Succeeded = true;
            logger.LogWarning("{User} replaced the site with the backup made at {MadeAt:u} ({Archive}).", job.StartedBy, manifest.CreatedAt, job.ArchiveName);
        }
        catch (BackupRefusedException e)
        {
            job.Error = e.Message;
        }
        catch (OperationCanceledException)
        {
            job.Error = "The site stopped during the restore. The database is replaced all or nothing and the media folder was put back: the site is as it was.";
        }
        catch (Exception e)
        {
            logger.LogError(e, "The restore started by {User} failed.", job.StartedBy);
            job.Error = $"The restore failed: {e.Message} The database is replaced all or nothing and the media folder was put back: the site is as it was.";
        }
        finally
        {
            if (job.DeleteArchiveAfter)
            {
                File.Delete(job.Path);
            }
            slot.Release();
        }
    }

    private static byte[] Hash(string ticket) => SHA256.HashData(Encoding.UTF8.GetBytes(ticket));
}
