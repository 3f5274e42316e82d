using System.Data.Common;
using System.Globalization;

namespace Gazette.Features.Backup;

/// <summary><c>backup FILE.zip</c> and <c>restore FILE.zip</c> from the command line.</summary>
internal static class RunBackup
{
    public static async Task<int> BackupAsync(IServiceProvider services, string file, TextWriter output, TextWriter error)
    {
        var full = Path.GetFullPath(file);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            await error.WriteLineAsync($"The folder \"{folder}\" does not exist.");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var backup = scope.ServiceProvider.GetRequiredService<CreateBackup>();
        var lastTenth = -1;
        var progress = new InlineProgress<BackupProgress>(p =>
        {
            var tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            if (p.Stage == "Media" && tenth != lastTenth)
            {
                lastTenth = tenth;
                error.WriteLine($"  {p.Done}/{p.Total} media files");
            }
        });
        try
        {
            var manifest = await backup.ExecuteAsync(full, progress, CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up the site to {full}: the {manifest.Provider} database (schema {manifest.Migration}) and {manifest.Entries.Count(e => e.Name.StartsWith("media/", StringComparison.Ordinal)):N0} media files."));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Could not write \"{full}\": {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// <c>restore FILE</c> into an empty site; <c>restore FILE --replace</c> replaces a site that is not empty,
    /// after a safety backup of it in <c>backups/</c>.
    /// </summary>
    public static async Task<int> RestoreAsync(IServiceProvider services, string file, IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        if (options is not ([] or ["--replace"]))
        {
            await error.WriteLineAsync($"Unknown option {string.Join(' ', options)}: restore FILE.zip [--replace]");
            return 2;
        }
        var into = options.Count == 0 ? RestoreInto.EmptySite : RestoreInto.ReplaceSite;
        await using var scope = services.CreateAsyncScope();
        var restore = scope.ServiceProvider.GetRequiredService<RestoreBackup>();
        var backups = scope.ServiceProvider.GetRequiredService<StoredBackups>();
        try
        {
            var manifest = await restore.ExecuteAsync(file, into, null, into == RestoreInto.EmptySite ? null : async cancellationToken =>
            {
                var safety = backups.NewSafetyBackupPath();
                await scope.ServiceProvider.GetRequiredService<CreateBackup>().ExecuteAsync(safety, null, cancellationToken);
                await output.WriteLineAsync($"Made a safety backup of the site as it was: {safety}");
            }, CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Restored the backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC from {file}. Start Gazette on this data folder to serve the site."));
            return 0;
        }
        catch (Exception e) when (e is BackupRefusedException or SiteReplacedException)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"The restore failed: {e.Message} The database is loaded all or nothing: nothing of the archive was kept.");
            return 1;
        }
    }
}
