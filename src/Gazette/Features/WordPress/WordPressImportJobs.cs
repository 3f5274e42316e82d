using Gazette.Data;
using Gazette.Features.Backup;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.WordPress;

/// <summary>
/// Imports started from the staff area, one at a time for the whole site: each is queued as a row
/// (<see cref="ImportJob"/>) with its files saved in the data folder, claimed by whichever instance
/// of the site gets to it first (a conditional update only one can make), and its progress and then
/// its report kept in the row, so every instance shows them. A job whose instance stopped saying it
/// runs (<see cref="WordPressSettings.ImportQuietSeconds"/>) is taken up again by another: the import
/// resumes where its batches stopped. The files are
/// deleted once the import has read them.
/// </summary>
public sealed class WordPressImportJobs(
    IServiceScopeFactory scopes, IOptions<GazetteOptions> options, IOptions<WordPressSettings> settings, BackupJobFile backupJobs, TimeProvider clock,
    ILogger<WordPressImportJobs> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public sealed class Job
    {
        public required string StartedBy { get; init; }
        public required DateTime StartedAt { get; init; }
        public ImportProgress Progress { get; set; } = new("Waiting", 0, 0);
        public ImportReport? Report { get; set; }
        public bool Finished => Report is not null;
    }

    /// <summary>The latest import, running or finished, as any instance sees it.</summary>
    public async Task<Job?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var row = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new Job
        {
            StartedBy = row.StartedBy,
            StartedAt = row.StartedAt,
            Progress = new ImportProgress(row.Stage, row.Done, row.Total),
            Report = row is { State: ImportJobState.Finished, Report: { } report } ? ImportReport.FromJson(report) : null,
        };
    }

    /// <summary>What an import from the staff area is given: the export, and where its attachments' files are.</summary>
    public sealed record Request(Stream Export, Stream? UploadsZip, bool DownloadAttachments, string StartedBy, DateTime Now);

    private bool RestoreRunning => backupJobs.Current is { Kind: BackupJobKind.Restore, Finished: false };

    /// <summary>Saves the uploads and queues their import.</summary>
    /// <returns>Null once queued; else why not (an import queued or running already, a restore replacing the site).</returns>
    public async Task<string?> StartAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A restore replaces the tables the import writes to (its own job row among them); it refuses to start
        // while an import runs, and an import waits for it the same way.
        if (RestoreRunning)
        {
            return "The site is being restored from a backup: start the import once the restore is done.";
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        if (await db.ImportJobs.AnyAsync(j => j.State != ImportJobState.Finished, cancellationToken))
        {
            return "An import is running already: wait for its report, then start the next.";
        }
        var folder = Path.Combine(options.Value.DataPath, "imports");
        Directory.CreateDirectory(folder);
        var name = Guid.NewGuid().ToString("N");
        var file = Path.Combine(folder, name + ".xml");
        var zip = request.UploadsZip is null ? null : Path.Combine(folder, name + "-uploads.zip");
        try
        {
            await SaveAsync(request.Export, file, cancellationToken);
            if (request.UploadsZip is not null)
            {
                await SaveAsync(request.UploadsZip, zip!, cancellationToken);
            }
            db.ImportJobs.Add(new ImportJob
            {
                State = ImportJobState.Queued, StartedBy = request.StartedBy, StartedAt = request.Now,
                ExportPath = file, UploadsPath = zip, DownloadAttachments = request.DownloadAttachments,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            Delete(file, zip, null);
            throw;
        }
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll, clock);
        do
        {
            try
            {
                while (await ClaimAsync(stoppingToken) is { } job)
                {
                    await RunAsync(job, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The import queue could not be read; will try again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The oldest queued job (or one whose instance went quiet), if this instance's update takes it first.</summary>
    private async Task<ImportJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        if (RestoreRunning)
        {
            // A job queued a moment before the restore began waits for it (the restore may well replace its row).
            return null;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var quietSince = now - settings.Value.ImportQuietAfter;
        var candidate = await db.ImportJobs.AsNoTracking()
            .Where(j => j.State == ImportJobState.Queued || (j.State == ImportJobState.Running && j.HeartbeatAt < quietSince))
            .OrderBy(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        if (candidate is null)
        {
            return null;
        }
        var claimed = await db.ImportJobs
            .Where(j => j.Id == candidate.Id && j.State == candidate.State && j.ClaimedBy == candidate.ClaimedBy && j.HeartbeatAt == candidate.HeartbeatAt)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.State, ImportJobState.Running)
                .SetProperty(j => j.ClaimedBy, _instance)
                .SetProperty(j => j.HeartbeatAt, now), cancellationToken);
        return claimed == 1 ? candidate : null;
    }

    private async Task RunAsync(ImportJob job, CancellationToken stopping)
    {
        var unpacked = Path.ChangeExtension(job.ExportPath, null) + "-uploads";
        ImportReport report;
        var lastWritten = DateTime.MinValue;
        async Task TellAsync(ImportProgress progress, bool always = false)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (!always && now - lastWritten < TimeSpan.FromSeconds(1))
            {
                return;
            }
            lastWritten = now;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Stage, progress.Stage.Length <= 200 ? progress.Stage : progress.Stage[..200])
                .SetProperty(j => j.Done, progress.Done)
                .SetProperty(j => j.Total, progress.Total)
                .SetProperty(j => j.HeartbeatAt, now), CancellationToken.None);
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
            // Reported from the import's own thread; written at most once a second, in order.
            var latest = new ImportProgress(job.UploadsPath is null ? "Checking the file" : "Unpacking the uploads", 0, 0);
            await TellAsync(latest, always: true);
            var progress = new SynchronousProgress(p => latest = p);
            // On a thread of its own: unpacking the zip and checking the file run long without yielding, and
            // the heartbeat below must go on meanwhile, or another instance would take the job up while it runs.
            var running = Task.Run(async () =>
            {
                var files = await AttachmentFiles.ChooseAsync(scope.ServiceProvider, job.UploadsPath, job.DownloadAttachments, unpacked, stopping);
                latest = new ImportProgress("Checking the file", 0, 0);
                return await import.ExecuteAsync(job.ExportPath, files, progress, stopping);
            }, CancellationToken.None);
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
                await TellAsync(latest);
            }
            report = await running;
        }
        catch (WxrFormatException e)
        {
            report = new ImportReport { Error = e.Message };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The site is stopping: the job stays Running, and this or another instance takes it up again once it goes quiet.
            return;
        }
        catch (Exception e)
        {
            logger.LogError(e, "The WordPress import started by {User} failed.", job.StartedBy);
            report = new ImportReport { Error = "The import failed unexpectedly: " + e.Message };
        }
        try
        {
            Delete(job.ExportPath, job.UploadsPath, unpacked);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "The files of the WordPress import started by {User} could not all be deleted.", job.StartedBy);
        }
        // Only once the files are gone: the report says the import is over.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var json = report.ToJson();
            await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.State, ImportJobState.Finished)
                .SetProperty(j => j.Report, json)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.HeartbeatAt, now), CancellationToken.None);
        }
    }

    /// <summary>Progress noted where it is reported (<see cref="Progress{T}"/> would post it to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static async Task SaveAsync(Stream upload, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await upload.CopyToAsync(stream, cancellationToken);
    }

    private static void Delete(string file, string? zip, string? unpacked)
    {
        File.Delete(file);
        if (zip is not null)
        {
            File.Delete(zip);
        }
        if (unpacked is not null && Directory.Exists(unpacked))
        {
            Directory.Delete(unpacked, recursive: true);
        }
    }
}
