using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Backup;

/// <summary>
/// Brings a site back from a backup archive, into an empty site only (no articles, no staff, no media
/// files: a live site is never overwritten). Every entry is checked against the manifest before anything
/// is written; the archive must come from the same database provider and the same schema (migration id)
/// as this version of Gazette: an older or newer archive is refused, and restored with the Gazette version
/// that made it. The files are extracted into a staging folder, the media folder moved into place, and the
/// database loaded in one step (the media folder goes back if that fails).
/// </summary>
public sealed class RestoreBackup(GazetteDbContext db, IOptions<GazetteOptions> options)
{
    /// <exception cref="BackupRefusedException">The archive is damaged or does not fit this site; nothing was changed.</exception>
    public async Task<BackupManifest> ExecuteAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupRefusedException($"There is no file \"{path}\".");
        }
        var manifest = await BackupArchiveReader.VerifyAsync(path, cancellationToken);
        await CheckFitsAsync(manifest, cancellationToken);

        var staging = Path.Combine(options.Value.DataPath, ".restore-" + Guid.NewGuid().ToString("N"));
        try
        {
            await BackupArchiveReader.ExtractAsync(path, staging, cancellationToken);
            var stagedMedia = Path.Combine(staging, "media");
            var media = options.Value.MediaPath;
            var mediaMoved = false;
            if (Directory.Exists(stagedMedia))
            {
                // Checked empty of files above; an empty folder tree makes way.
                if (Directory.Exists(media))
                {
                    Directory.Delete(media, recursive: true);
                }
                Directory.Move(stagedMedia, media);
                mediaMoved = true;
            }
            try
            {
                await CreateBackup.SnapshotFor(db).LoadAsync(db, Path.Combine(staging, "database"), cancellationToken);
            }
            catch when (mediaMoved)
            {
                // The database load is all or nothing; the media files go back with it.
                Directory.Move(media, stagedMedia);
                Directory.CreateDirectory(media);
                throw;
            }
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private async Task CheckFitsAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var provider = CreateBackup.ProviderOf(db);
        if (!string.Equals(manifest.Provider, provider, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupRefusedException(
                $"The archive is a backup of a {manifest.Provider} site and this site runs on {provider}: restore it into a {manifest.Provider} site. Nothing was changed.");
        }
        var current = db.Database.GetMigrations().LastOrDefault() ?? "";
        if (manifest.Migration != current)
        {
            var which = db.Database.GetMigrations().Contains(manifest.Migration)
                ? "an older version of Gazette: restore it with that version, then upgrade"
                : "a newer version of Gazette than this one: upgrade Gazette first";
            throw new BackupRefusedException(
                $"The archive was made by {which} (its database schema is {manifest.Migration}, this version's is {current}). Nothing was changed.");
        }
        var media = options.Value.MediaPath;
        if (await db.Articles.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken)
            || (Directory.Exists(media) && Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Any()))
        {
            throw new BackupRefusedException(
                "This site is not empty (it has articles, staff or media files): a backup is only restored into a new, empty "
                + "data folder and database, so that no site is overwritten. Nothing was changed.");
        }
    }
}
