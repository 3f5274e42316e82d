using System.IO.Compression;
using System.Reflection;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Backup;

/// <summary>
/// How far a backup or a restore has got: a stage (the database, the media files…), how many of its
/// steps are done, and, while a database table is copied, which one.
/// </summary>
public sealed record BackupProgress(string Stage, int Done, int Total, string? Table = null)
{
    /// <summary>"Database, table 3 of 27: Articles" while a table is copied; the stage alone otherwise.</summary>
    public string Describe() =>
        Table is null ? Stage : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Stage}, table {Math.Min(Done + 1, Total)} of {Total}: {Table}");
}

/// <summary>
/// Writes the whole site into one archive: a consistent snapshot of the database (which holds the
/// Data Protection keys), then the media folder, then <c>manifest.json</c> with every entry's SHA-256.
/// The archive is written beside its name and renamed when complete, so a failed backup leaves no half archive.
/// </summary>
public sealed class CreateBackup(GazetteDbContext db, IOptions<GazetteOptions> options, TimeProvider clock)
{
    public async Task<BackupManifest> ExecuteAsync(string path, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var partial = full + ".partial";
        try
        {
            BackupManifest manifest;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            await using (var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Create, leaveOpen: false, entryNameEncoding: null, cancellationToken))
            {
                manifest = await WriteAsync(new BackupArchiveWriter(zip), progress, cancellationToken);
            }
            File.Move(partial, full, overwrite: true);
            return manifest;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private async Task<BackupManifest> WriteAsync(BackupArchiveWriter archive, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new BackupProgress("Database", 0, 0));
        var createdAt = clock.GetUtcNow().UtcDateTime;
        var migration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "";
        // The database first, then the files listed: a media file uploaded meanwhile is at worst an extra file, never a missing one.
        await SnapshotFor(db).WriteAsync(db, archive, progress, cancellationToken);
        var media = Path.GetFullPath(options.Value.MediaPath);
        var files = Directory.Exists(media) ? Directory.GetFiles(media, "*", SearchOption.AllDirectories) : [];
        for (var i = 0; i < files.Length; i++)
        {
            var name = "media/" + Path.GetRelativePath(media, files[i]).Replace(Path.DirectorySeparatorChar, '/');
            try
            {
                // Images and video are compressed already.
                await archive.AddFileAsync(name, files[i], CompressionLevel.NoCompression, cancellationToken);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted from the library since it was listed: the snapshot may name it, the site no longer has it.
            }
            progress?.Report(new BackupProgress("Media", i + 1, files.Length));
        }
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, GazetteVersion, ProviderOf(db), createdAt, migration, archive.Entries);
        await archive.FinishAsync(manifest);
        return manifest;
    }

    internal static string GazetteVersion =>
        typeof(CreateBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    internal static string ProviderOf(GazetteDbContext db) =>
        db.Database.IsNpgsql() ? nameof(DatabaseProvider.PostgreSql) : nameof(DatabaseProvider.Sqlite);

    internal static IDatabaseSnapshot SnapshotFor(GazetteDbContext db) =>
        db.Database.IsNpgsql() ? new PostgreSqlSnapshot() : new SqliteSnapshot();
}
