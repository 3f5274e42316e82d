using System.IO.Compression;
using Gazette.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Backup;

/// <summary>
/// SQLite: <c>VACUUM INTO</c> on a connection of its own writes one read transaction's view of the whole
/// file (WAL mode lets comments keep arriving meanwhile); restoring copies it into the site's database
/// with SQLite's backup API, which replaces the content in one step.
/// </summary>
internal sealed class SqliteSnapshot : IDatabaseSnapshot
{
    public const string EntryName = "database/gazette.db";

    public async Task WriteAsync(GazetteDbContext db, BackupArchiveWriter archive, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new BackupProgress("Database", 0, 1, "gazette.db"));
        var connectionString = db.Database.GetConnectionString();
        // Beside the database, on the disk that has room for it (a temp folder may be a small RAM disk).
        var database = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var snapshot = Path.Combine(Path.GetDirectoryName(database)!, $"gazette-snapshot-{Guid.NewGuid():N}.db");
        try
        {
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", snapshot);
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
            await archive.AddFileAsync(EntryName, snapshot, CompressionLevel.Optimal, cancellationToken);
            progress?.Report(new BackupProgress("Database", 1, 1));
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    public async Task LoadAsync(GazetteDbContext db, string folder, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, "gazette.db");
        if (!File.Exists(file))
        {
            throw new BackupRefusedException("The archive holds no SQLite database (database/gazette.db). Nothing was changed.");
        }
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection(db.Database.GetConnectionString());
        await target.OpenAsync(cancellationToken);
        progress?.Report(new BackupProgress("Database", 0, 1, "gazette.db"));
        // On a live site a request may hold the database for a moment: the backup API then answers
        // busy at once, having changed nothing, and is tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(target);
                break;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is BusyCode or LockedCode && attempt < MaxAttempts)
            {
                await Task.Delay(BusyPause, cancellationToken);
            }
        }
        progress?.Report(new BackupProgress("Database", 1, 1));
    }

    private const int BusyCode = 5;
    private const int LockedCode = 6;
    private const int MaxAttempts = 100;
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(200);
}
