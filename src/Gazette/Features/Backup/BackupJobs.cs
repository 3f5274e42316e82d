namespace Gazette.Features.Backup;

/// <summary>
/// Builds a backup started from the staff area in the background, one at a time per app instance, and
/// keeps its progress, then the finished archive for the Administrator to download. The archive waits in
/// <c>backups/</c> in the data folder (not in media, so never served) until the next backup replaces it.
/// </summary>
public sealed class BackupJobs(
    IServiceScopeFactory scopes, StoredBackups stored, BackupJobSlot slot, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<BackupJobs> logger)
{
    private readonly Lock _lock = new();
    private Job? _current;

    public sealed class Job
    {
        public required string StartedBy { get; init; }
        public required DateTime StartedAt { get; init; }
        public required string FileName { get; init; }
        public required string Path { get; init; }
        public BackupProgress Progress { get; set; } = new("Waiting", 0, 0);
        public string? Error { get; set; }
        public bool Succeeded { get; set; }
        public bool Finished => Succeeded || Error is not null;
    }

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

    /// <summary>Starts a backup; false when a backup or a restore is already running.</summary>
    public bool Start(string startedBy)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var folder = stored.Folder;
        var name = $"{StoredBackups.BackupPrefix}{now:yyyyMMdd-HHmmss}.zip";
        var job = new Job { StartedBy = startedBy, StartedAt = now, FileName = name, Path = System.IO.Path.Combine(folder, name) };
        Job? previous;
        lock (_lock)
        {
            if (!slot.TryTake())
            {
                return false;
            }
            previous = _current;
            _current = job;
        }
        if (previous is not null)
        {
            File.Delete(previous.Path);
        }
        Directory.CreateDirectory(folder);
        _ = Task.Run(() => RunAsync(job), CancellationToken.None);
        return true;
    }

    /// <summary>The finished archive, to stream to an Administrator; null when there is none.</summary>
    public string? FinishedArchive() => Current is { Succeeded: true } job && File.Exists(job.Path) ? job.Path : null;

    private async Task RunAsync(Job job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var backup = scope.ServiceProvider.GetRequiredService<CreateBackup>();
            await backup.ExecuteAsync(job.Path, new InlineProgress<BackupProgress>(p => job.Progress = p), lifetime.ApplicationStopping);
            job.Succeeded = true;
        }
        catch (Exception e)
        {
            logger.LogError(e, "The backup started by {User} failed.", job.StartedBy);
            job.Error = e is OperationCanceledException ? "The site stopped during the backup." : "The backup failed: " + e.Message;
        }
        finally
        {
            slot.Release();
        }
    }
}
