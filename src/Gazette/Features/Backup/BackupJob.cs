using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Gazette.Features.Backup;

public enum BackupJobKind
{
    Backup,
    Restore,
}

/// <summary>
/// The backup or restore started from the staff area, as every instance reads it from <c>backups/job.json</c>
/// in the shared data folder (<see cref="BackupJobFile"/>): behind a load balancer the page that follows it may
/// be served by any instance, and a restore replaces the database, so the state is kept beside it, not in it.
/// </summary>
public sealed record BackupJob
{
    public required Guid Id { get; init; }

    public required BackupJobKind Kind { get; init; }

    public required string StartedBy { get; init; }

    public required DateTime StartedAt { get; init; }

    /// <summary>A backup's archive in <c>backups/</c>; for a restore, the archive as the Administrator knows it (the upload's name, or the stored archive's).</summary>
    public required string ArchiveName { get; init; }

    public BackupProgress Progress { get; init; } = new("Waiting", 0, 0);

    /// <summary>A restore's ticket, hashed (SHA-256, hex): the ticket itself is only in the starting browser's cookie.</summary>
    public string? TicketHash { get; init; }

    public string? SafetyBackup { get; init; }

    public DateTime? BackupMadeAt { get; init; }

    public string? Error { get; init; }

    public bool Succeeded { get; init; }

    /// <summary>Written at least every few seconds while the job runs: an instance that stops leaves an old one.</summary>
    public required DateTime Heartbeat { get; init; }

    [JsonIgnore]
    public bool Finished => Succeeded || Error is not null;

    [JsonIgnore]
    public int Percent => Progress.Total > 0 ? Math.Min(100, Progress.Done * 100 / Progress.Total) : 0;

    public bool HasTicket(string? ticket) =>
        ticket is not null && TicketHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashTicket(ticket)), Encoding.ASCII.GetBytes(TicketHash));

    public static string HashTicket(string ticket) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));
}
