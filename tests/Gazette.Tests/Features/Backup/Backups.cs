using System.Security.Cryptography;
using Gazette.Features.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Backup;

/// <summary>Backups of a test site, made as the staff area's job makes them.</summary>
internal static class Backups
{
    /// <summary>Backs up <paramref name="app"/> into the archive <paramref name="path"/>.</summary>
    public static async Task MakeAsync(GazetteApp app, string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CreateBackup>().ExecuteAsync(path, null, CancellationToken.None);
    }

    /// <summary>
    /// Backs up <paramref name="app"/>, with a picture in its media folder (written once), into a new archive in
    /// <paramref name="folder"/>; returns the archive's path.
    /// </summary>
    public static async Task<string> MakeWithAPictureAsync(GazetteApp app, string folder)
    {
        var image = Path.Combine(app.DataDirectory, "media", "2026", "12", "harbour.jpg");
        if (!File.Exists(image))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(image)!);
            await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(50_000));
        }
        var path = Path.Combine(folder, $"backup-{Guid.NewGuid():N}.zip");
        await MakeAsync(app, path);
        return path;
    }

    /// <summary>
    /// What an instance running a backup or restore shares in the data folder, its lock and its state, with
    /// its last heartbeat at <paramref name="heartbeat"/>: a job running now, or (long ago) one whose instance was killed.
    /// </summary>
    public static async Task LeaveAJobAsync(string dataDirectory, BackupJobKind kind, DateTime heartbeat)
    {
        var backups = Directory.CreateDirectory(Path.Combine(dataDirectory, "backups")).FullName;
        var id = Guid.NewGuid();
        await File.WriteAllTextAsync(Path.Combine(backups, BackupJobFile.LockName), id.ToString("N"));
        await File.WriteAllTextAsync(Path.Combine(backups, BackupJobFile.StateName), $$"""
            {
              "id": "{{id}}",
              "kind": "{{kind}}",
              "startedBy": "another-administrator",
              "startedAt": "{{heartbeat.AddMinutes(-1):O}}",
              "archiveName": "gazette-backup-{{heartbeat:yyyyMMdd-HHmmss}}.zip",
              "progress": { "stage": "Media", "done": 3, "total": 10 },
              "ticketHash": "{{new string('0', 64)}}",
              "heartbeat": "{{heartbeat:O}}"
            }
            """);
    }
}
