using Gazette.Data;
using Gazette.Features.Settings;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Backup;

/// <summary>What a restore may find where it restores.</summary>
public enum RestoreInto
{
    /// <summary>A new, empty site only (no articles, no staff, no media files): the command line's default.</summary>
    EmptySite,

    /// <summary>Any site, whose whole content the backup replaces: the staff area, and the command line with <c>--replace</c>.</summary>
    ReplaceSite,
}

/// <summary>
/// Brings a site back from a backup archive. Every entry is checked against the manifest before anything
/// is written; the archive must come from the same database provider and the same schema (migration id)
/// as this version of Gazette: an older or newer archive is refused, and restored with the Gazette version
/// that made it. Into an empty site only, unless told to replace one. The files are extracted into a
/// staging folder (checked again as they are written), then, only then, the site is changed: the media
/// folder is swapped for the archive's and the database content replaced in one step; the media folder
/// goes back if the database load fails, and the old one is deleted only once it has succeeded.
/// </summary>
public sealed class RestoreBackup(
    GazetteDbContext db,
    IOptions<GazetteOptions> options,
    IKeyManager keys,
    IKeyRingProvider keyRings,
    SiteSettingsStore settings,
    PageCacheInvalidation cache,
    SessionCutoff sessions,
    TimeProvider clock,
    ILogger<RestoreBackup> logger)
{
    /// <summary>The folder a restore unpacks into, in the data folder (on the disk with room for the site).</summary>
    public const string StagingPrefix = ".restore-";

    /// <summary>Restores into an empty site.</summary>
    /// <exception cref="BackupRefusedException">The archive is damaged or does not fit this site; nothing was changed.</exception>
    public Task<BackupManifest> ExecuteAsync(string path, CancellationToken cancellationToken) =>
        ExecuteAsync(path, RestoreInto.EmptySite, null, null, cancellationToken);

    /// <param name="path">The archive.</param>
    /// <param name="into">Whether a site that is not empty is refused or replaced.</param>
    /// <param name="progress">Told of each stage: checking, unpacking, the database table by table.</param>
    /// <param name="beforeChanging">
    /// Runs once the archive is checked and unpacked, just before the site is changed (the staff area's
    /// safety backup); if it throws, nothing is changed.
    /// </param>
    /// <param name="cancellationToken">Stops the restore; the database load is then rolled back and the media put back.</param>
    /// <exception cref="BackupRefusedException">The archive is damaged or does not fit this site; nothing was changed.</exception>
    public async Task<BackupManifest> ExecuteAsync(
        string path, RestoreInto into, IProgress<BackupProgress>? progress, Func<CancellationToken, Task>? beforeChanging, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupRefusedException($"There is no file \"{path}\".");
        }
        progress?.Report(new BackupProgress("Checking", 0, 0));
        var manifest = await BackupArchiveReader.VerifyAsync(path, cancellationToken, progress);
        await CheckFitsAsync(manifest, into, cancellationToken);

        var staging = Path.Combine(options.Value.DataPath, StagingPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await BackupArchiveReader.ExtractAsync(path, staging, cancellationToken, progress);
            if (beforeChanging is not null)
            {
                await beforeChanging(cancellationToken);
            }
            var settingsVersionBefore = await SettingsVersionAsync(cancellationToken);
            await ReplaceAsync(staging, progress, cancellationToken);
            if (into == RestoreInto.ReplaceSite)
            {
                // Before the replaced media folder is deleted, which may take a while: no page of the old site is served meanwhile.
                try
                {
                    await ForgetTheReplacedSiteAsync(settingsVersionBefore);
                }
                catch (Exception e)
                {
                    // The site is the backup's from here on: whatever fails now must not be reported as "nothing changed".
                    throw new SiteReplacedException(
                        "The backup was restored, but what the site kept of the replaced one could not all be cleared (" + e.Message
                        + "). Restart every instance of the site: that empties their caches and reads the restored settings and keys.", e);
                }
            }
        }
        finally
        {
            // After a success it holds the media folder that was replaced.
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        progress?.Report(new BackupProgress("Done", 1, 1));
        return manifest;
    }

    /// <summary>
    /// The quick look a request can afford before a restore is queued: the manifest is readable (the zip is
    /// not cut short) and the archive fits this site's database provider and schema. The entries' checksums
    /// are left to <see cref="ExecuteAsync(string, RestoreInto, IProgress{BackupProgress}?, Func{CancellationToken, Task}?, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="BackupRefusedException">The archive is damaged or does not fit this site.</exception>
    public async Task<BackupManifest> CheckAsync(string path, RestoreInto into, CancellationToken cancellationToken)
    {
        var manifest = await BackupArchiveReader.ReadManifestAsync(path);
        await CheckFitsAsync(manifest, into, cancellationToken);
        return manifest;
    }

    private async Task ReplaceAsync(string staging, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var stagedMedia = Path.Combine(staging, "media");
        var replacedMedia = Path.Combine(staging, "media-replaced");
        var media = options.Value.MediaPath;
        if (Directory.Exists(media))
        {
            Directory.Move(media, replacedMedia);
        }
        try
        {
            if (Directory.Exists(stagedMedia))
            {
                Directory.Move(stagedMedia, media);
            }
            else
            {
                Directory.CreateDirectory(media);
            }
            progress?.Report(new BackupProgress("Database", 0, 0));
            await CreateBackup.SnapshotFor(db).LoadAsync(db, Path.Combine(staging, "database"), progress, cancellationToken);
        }
        catch
        {
            // The database load is all or nothing; the media folder goes back with it. Renames only, so that it is
            // back at once even when a stop is what failed the load: the archive's files are deleted with the staging.
            if (Directory.Exists(media))
            {
                Directory.Move(media, Path.Combine(staging, "media-not-restored"));
            }
            if (Directory.Exists(replacedMedia))
            {
                Directory.Move(replacedMedia, media);
            }
            else
            {
                Directory.CreateDirectory(media);
            }
            throw;
        }
    }

    /// <summary>
    /// What this process (and, through the shared cache, every instance) still holds of the replaced site:
    /// every cached page, the settings read at start, and the sign-ins. The keys are revoked, not merely
    /// replaced: a backup of this same site holds the very keys today's sessions were made with, and a
    /// restore must end them all, cookies, form tokens and emailed links alike; the next request makes a new key.
    /// </summary>
    private async Task ForgetTheReplacedSiteAsync(long settingsVersionBefore)
    {
        // The database is the archive's now: these must not be cancelled half done.
        var replacedKey = keyRings.GetCurrentKeyRing().DefaultKeyId;
        var restoredAt = clock.GetUtcNow();
        keys.RevokeAllKeys(restoredAt, "The site was restored from a backup.");
        // At once here; other instances read the revocation from the database within half a minute.
        sessions.EndSessionsBefore(restoredAt);
        await WaitForNewKeyAsync(replacedKey);
        // Other instances read the settings again when the version number differs from the one they hold,
        // which is at most the number before the restore; the restored number may be just that (one save
        // since the backup, or a backup of another site). One past both reaches every instance.
        var settingsVersion = Math.Max(settingsVersionBefore, await SettingsVersionAsync(CancellationToken.None)) + 1;
        await db.SiteSettingsVersions.Where(v => v.Id == SiteSettingsVersion.RowId)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Number, settingsVersion), CancellationToken.None);
        await settings.LoadAsync(CancellationToken.None);
        await cache.EvictAsync(CancellationToken.None, CacheTags.Site);
        logger.LogWarning("The site was replaced by a backup: every cached page evicted, every session ended.");
    }

    /// <summary>
    /// The key ring is read again in the background once it is out of date, and the old one used meanwhile:
    /// until the new key is in use, a form token made with a revoked key would fail its post a moment later.
    /// Every key is revoked, so a new default key is the sign that the ring in use is the new one.
    /// </summary>
    private async Task WaitForNewKeyAsync(Guid replacedKey)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (keyRings.GetCurrentKeyRing().DefaultKeyId == replacedKey)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                logger.LogWarning("The Data Protection key ring still uses a revoked key; sessions end when it is next read.");
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }

    private async Task<long> SettingsVersionAsync(CancellationToken cancellationToken) =>
        await db.SiteSettingsVersions.Where(v => v.Id == SiteSettingsVersion.RowId).Select(v => (long?)v.Number).SingleOrDefaultAsync(cancellationToken) ?? 0;

    private async Task CheckFitsAsync(BackupManifest manifest, RestoreInto into, CancellationToken cancellationToken)
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
        if (into == RestoreInto.ReplaceSite)
        {
            return;
        }
        var media = options.Value.MediaPath;
        if (await db.Articles.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken)
            || (Directory.Exists(media) && Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Any()))
        {
            throw new BackupRefusedException(
                "This site is not empty (it has articles, staff or media files): a backup is only restored into a new, empty "
                + "data folder and database, so that no site is overwritten by mistake; to replace this site with the backup, "
                + "add --replace (a safety backup of it is made first). Nothing was changed.");
        }
    }
}
