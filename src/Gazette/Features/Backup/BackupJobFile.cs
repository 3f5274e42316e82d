using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gazette.Features.Backup;

/// <summary>
/// The one backup or restore at a time, across every instance sharing the data folder: a backup made while a
/// restore replaces the site would hold some of each, and a restore started during a backup would replace what
/// is being read. A job is claimed by creating <c>backups/job.lock</c> (<see cref="FileMode.CreateNew"/>, which
/// only one instance can do) and its state is kept in <c>backups/job.json</c>, which every instance's pages read.
/// An instance that stops mid-job leaves both behind: after <see cref="Quiet"/> without a heartbeat the job is
/// shown as failed and its lock may be taken over, by one instance only.
/// </summary>
public sealed class BackupJobFile(StoredBackups stored, TimeProvider clock, ILogger<BackupJobFile> logger)
{
    public const string StateName = "job.json";
    public const string LockName = "job.lock";
    private const string TakeOverPrefix = "job.takeover-";

    /// <summary>As long as a running job may go without a heartbeat; it writes one far more often.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(2);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private string StatePath => Path.Combine(stored.Folder, StateName);

    private string LockPath => Path.Combine(stored.Folder, LockName);

    /// <summary>The running or last job, whichever instance runs it; one whose instance stopped is shown failed.</summary>
    public BackupJob? Current
    {
        get
        {
            var job = Read();
            if (job is { Finished: false } && IsQuiet(job))
            {
                return job with
                {
                    Error = job.Kind == BackupJobKind.Backup
                        ? "The backup did not finish: the instance running it stopped. Make another."
                        : "The restore did not finish: the instance running it stopped. The database is replaced all or nothing; look over the site, and restore again if need be.",
                };
            }
            return job;
        }
    }

    /// <summary>Claims the one job for this instance and shares its first state; null when another job is running.</summary>
    public RunningBackupJob? TryClaim(BackupJobKind kind, string startedBy, string archiveName, string? ticketHash = null)
    {
        Directory.CreateDirectory(stored.Folder);
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new BackupJob
        {
            Id = Guid.NewGuid(), Kind = kind, StartedBy = startedBy, StartedAt = now, ArchiveName = archiveName, TicketHash = ticketHash, Heartbeat = now,
        };
        if (!TryCreateLock(job.Id) && !(TakeOverAbandonedLock() && TryCreateLock(job.Id)))
        {
            return null;
        }
        return new RunningBackupJob(this, job, clock);
    }

    /// <summary>Replaces <c>job.json</c> whole: a reader sees the state before or after, never half of one.</summary>
    internal void Write(BackupJob job)
    {
        var temporary = Path.Combine(stored.Folder, $"{StateName}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(job, Json));
            File.Move(temporary, StatePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The job goes on; the pages show its last state, or, if this lasts, that it stopped.
            logger.LogWarning(e, "The state of the {Kind} could not be written to {Path}.", job.Kind, StatePath);
            File.Delete(temporary);
        }
    }

    /// <summary>Lets the next job be claimed, once the last state is written.</summary>
    internal void Release(Guid id)
    {
        try
        {
            // Still this job's: one taken over (this instance was silent too long) belongs to another job now.
            if (File.ReadAllText(LockPath).Trim() == id.ToString("N"))
            {
                File.Delete(LockPath);
            }
        }
        catch (FileNotFoundException)
        {
            // Taken over and released already.
        }
    }

    internal DateTime Now => clock.GetUtcNow().UtcDateTime;

    private BackupJob? Read()
    {
        try
        {
            // A write replaces the file by renaming another over it: this reads one whole state or the other.
            return JsonSerializer.Deserialize<BackupJob>(File.ReadAllBytes(StatePath), Json);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "{Path} is not the state of a backup or a restore; it is ignored.", StatePath);
            return null;
        }
    }

    private bool IsQuiet(BackupJob job) => Now - job.Heartbeat > Quiet;

    /// <summary>The lock names its job, so that an abandoned one is told from one just taken.</summary>
    private bool TryCreateLock(Guid id)
    {
        try
        {
            using var file = new FileStream(LockPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            file.Write(Encoding.ASCII.GetBytes(id.ToString("N")));
            return true;
        }
        catch (IOException) when (File.Exists(LockPath))
        {
            return false;
        }
    }

    /// <summary>
    /// Removes the lock of a job whose instance stopped: its state has had no heartbeat for <see cref="Quiet"/>
    /// (or, when the instance stopped before writing any state, the lock itself is that old). Each abandoned lock
    /// is taken over once, by whichever instance creates its take-over marker first: two instances that both saw
    /// it abandoned must not delete it one after the other, the second deleting the lock the first has just taken.
    /// </summary>
    private bool TakeOverAbandonedLock()
    {
        string owner;
        DateTime lockedAt;
        try
        {
            using var file = new FileStream(LockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(file, Encoding.ASCII);
            owner = reader.ReadToEnd().Trim();
            lockedAt = File.GetLastWriteTimeUtc(file.SafeFileHandle);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Released meanwhile: the lock is there to be taken.
            return true;
        }
        var state = Read();
        var abandoned = state is not null && state.Id.ToString("N") == owner ? IsQuiet(state) : Now - lockedAt > Quiet;
        if (!abandoned)
        {
            return false;
        }
        var marker = Path.Combine(stored.Folder, TakeOverPrefix + (owner.Length > 0 ? owner : lockedAt.Ticks.ToString(CultureInfo.InvariantCulture)));
        try
        {
            using (new FileStream(marker, FileMode.CreateNew, FileAccess.Write))
            {
            }
        }
        catch (IOException)
        {
            return false;
        }
        logger.LogWarning("The {Kind} started by {User} at {StartedAt:u} stopped with the instance running it; its lock is taken over.",
            state?.Kind, state?.StartedBy, state?.StartedAt);
        File.Delete(LockPath);
        // Markers of locks taken over long ago: no instance can still be deciding about those.
        foreach (var old in new DirectoryInfo(stored.Folder).EnumerateFiles(TakeOverPrefix + "*"))
        {
            if (old.FullName != marker && Now - old.LastWriteTimeUtc > 2 * Quiet)
            {
                old.Delete();
            }
        }
        return true;
    }
}

/// <summary>
/// The job this instance runs: it keeps the state in memory and shares it through <see cref="BackupJobFile"/>
/// at every stage, at most about once a second for progress within one, and every few seconds as a heartbeat
/// (a long table copy may report nothing for minutes); <see cref="Finish"/> shares the outcome and frees the lock.
/// </summary>
public sealed class RunningBackupJob
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(10);

    private readonly BackupJobFile _file;
    private readonly Lock _lock = new();
    private readonly ITimer _heartbeat;
    private BackupJob _state;
    private DateTime _written;
    private bool _finished;

    internal RunningBackupJob(BackupJobFile file, BackupJob state, TimeProvider clock)
    {
        _file = file;
        _state = state;
        WriteLocked();
        _heartbeat = clock.CreateTimer(_ => Update(job => job), null, HeartbeatEvery, HeartbeatEvery);
    }

    public BackupJob State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public void Report(BackupProgress progress)
    {
        lock (_lock)
        {
            var newStage = progress.Stage != _state.Progress.Stage;
            _state = _state with { Progress = progress };
            if (newStage || _file.Now - _written >= ProgressEvery)
            {
                WriteLocked();
            }
        }
    }

    public void Update(Func<BackupJob, BackupJob> change)
    {
        lock (_lock)
        {
            if (!_finished)
            {
                _state = change(_state);
                WriteLocked();
            }
        }
    }

    /// <summary>Shares the outcome, then lets the next job start, on any instance.</summary>
    public void Finish(Func<BackupJob, BackupJob> outcome)
    {
        _heartbeat.Dispose();
        lock (_lock)
        {
            _state = outcome(_state);
            WriteLocked();
            _finished = true;
        }
        _file.Release(_state.Id);
    }

    private void WriteLocked()
    {
        _written = _file.Now;
        _state = _state with { Heartbeat = _written };
        _file.Write(_state);
    }
}
