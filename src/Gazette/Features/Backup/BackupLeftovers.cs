using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Backup;

/// <summary>
/// What a backup or restore cut short by a crash (a kill, a power cut) leaves in the data folder, looked at when
/// the site starts. Archives half written and uploads never restored can each be as large as the site: they are
/// deleted once an hour old (an instance sharing the folder may be writing one right now). A restore's staging
/// folder is never deleted: after a crash in the middle of the swap it may hold the only copy of the replaced
/// media folder, so the operator is told where it is.
/// </summary>
public sealed class BackupLeftovers(StoredBackups stored, IOptions<GazetteOptions> options, TimeProvider clock, ILogger<BackupLeftovers> logger)
    : IHostedService
{
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            DeleteAbandonedFiles();
            ReportInterruptedRestores();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not look over what earlier backups or restores left in the data folder.");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void DeleteAbandonedFiles()
    {
        if (!Directory.Exists(stored.Folder))
        {
            return;
        }
        var before = clock.GetUtcNow().UtcDateTime - Abandoned;
        var leftovers = new DirectoryInfo(stored.Folder).EnumerateFiles()
            .Where(f => f.Name.StartsWith(StoredBackups.UploadPrefix, StringComparison.Ordinal)
                || f.Name.EndsWith(".partial", StringComparison.Ordinal)
                || f.Name.EndsWith(".tmp", StringComparison.Ordinal))
            .Where(f => f.LastWriteTimeUtc < before);
        foreach (var file in leftovers)
        {
            var path = file.FullName;
            file.Delete();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Deleted {File}, left in the data folder by a backup or restore that did not finish.", path);
            }
        }
    }

    private void ReportInterruptedRestores()
    {
        var data = options.Value.DataPath;
        if (!Directory.Exists(data))
        {
            return;
        }
        foreach (var staging in Directory.EnumerateDirectories(data, RestoreBackup.StagingPrefix + "*"))
        {
            logger.LogWarning(
                "A restore stopped in the middle: {Folder} is what it left. If the site's media is not as it should be, the media folder it replaced is "
                + "in its media-replaced folder (the database is all the backup's or all as before). Delete the folder once the site is looked over.",
                staging);
        }
    }
}
