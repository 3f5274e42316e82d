using System.Globalization;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Backup;

/// <summary>
/// The archives kept in the data folder's <c>backups/</c> (never in media, so never served): the last backup
/// made from the staff area, the safety backup made before the last restore, and uploads waiting to be restored.
/// </summary>
public sealed class StoredBackups(IOptions<GazetteOptions> options, TimeProvider clock)
{
    public const string BackupPrefix = "gazette-backup-";
    public const string SafetyBackupPrefix = "gazette-safety-backup-";
    public const string UploadPrefix = "upload-";

    public sealed record Archive(string Name, string Path, DateTime MadeAt, long Size)
    {
        public bool IsSafetyBackup => Name.StartsWith(SafetyBackupPrefix, StringComparison.Ordinal);
    }

    public string Folder => Path.Combine(options.Value.DataPath, "backups");

    /// <summary>Finished backups and safety backups, newest first; uploads and half-written archives are not listed.</summary>
    public IReadOnlyList<Archive> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return new DirectoryInfo(Folder).EnumerateFiles("*.zip")
            .Where(f => f.Name.StartsWith(BackupPrefix, StringComparison.Ordinal) || f.Name.StartsWith(SafetyBackupPrefix, StringComparison.Ordinal))
            .Select(f => new Archive(f.Name, f.FullName, f.LastWriteTimeUtc, f.Length))
            .OrderByDescending(a => a.MadeAt)
            .ToList();
    }

    /// <summary>The listed archive called <paramref name="name"/>: a name from the form is only ever matched, never made a path of.</summary>
    public Archive? Find(string? name) => List().FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>Where the safety backup of the site as it is now goes, named so.</summary>
    public string NewSafetyBackupPath()
    {
        Directory.CreateDirectory(Folder);
        var now = clock.GetUtcNow().UtcDateTime;
        var stem = string.Create(CultureInfo.InvariantCulture, $"{SafetyBackupPrefix}{now:yyyyMMdd-HHmmss}");
        var path = Path.Combine(Folder, stem + ".zip");
        // Never the name of one already there: restoring a safety backup made in this very second (an undo at
        // once) would otherwise overwrite the archive being restored with the new one.
        for (var n = 2; File.Exists(path) || File.Exists(path + ".partial"); n++)
        {
            path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}.zip"));
        }
        return path;
    }

    /// <summary>Deletes the safety backups older than <paramref name="kept"/>: each can be as large as the site.</summary>
    /// <remarks>Called once the restore succeeded, never before: until then an older one may be the only copy of a site.</remarks>
    public void DeleteSafetyBackupsOtherThan(params string[] kept) =>
        Delete(List().Where(a => a.IsSafetyBackup && !kept.Contains(a.Path, StringComparer.Ordinal)));

    /// <summary>
    /// The backups made from the staff area (not the safety backup) other than <paramref name="kept"/>: each new
    /// one replaces them, as each can be as large as the site; called once the new one is finished, never before.
    /// </summary>
    public void DeleteBackupsOtherThan(string kept) =>
        Delete(List().Where(a => !a.IsSafetyBackup && !string.Equals(a.Path, kept, StringComparison.Ordinal)));

    private static void Delete(IEnumerable<Archive> archives)
    {
        foreach (var archive in archives.ToList())
        {
            File.Delete(archive.Path);
        }
    }

    /// <summary>A new file for an uploaded archive, beside the others: on the disk that has room for a site.</summary>
    public string NewUploadPath()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, UploadPrefix + Guid.NewGuid().ToString("N") + ".zip");
    }
}
