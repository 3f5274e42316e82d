using Gazette.Data;

namespace Gazette.Features.Backup;

/// <summary>How one database provider puts a consistent copy of Gazette's data into an archive, and loads it back.</summary>
internal interface IDatabaseSnapshot
{
    /// <summary>Writes <c>database/…</c> entries: one consistent moment of the whole database, while the site keeps writing.</summary>
    Task WriteAsync(GazetteDbContext db, BackupArchiveWriter archive, IProgress<BackupProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Replaces the (migrated) database's whole content with the extracted <c>database</c> folder, all or nothing.</summary>
    Task LoadAsync(GazetteDbContext db, string folder, IProgress<BackupProgress>? progress, CancellationToken cancellationToken);
}
