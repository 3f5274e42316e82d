using System.IO.Compression;
using System.Security.Cryptography;

namespace Gazette.Features.Backup;

/// <summary>
/// Reads a backup archive back: its manifest, then every entry checked against it (name, size, SHA-256)
/// before a restore writes anything, and again while extracting into a staging folder.
/// </summary>
internal static class BackupArchiveReader
{
    /// <summary>The archive's manifest once every entry has been read and found as the manifest says.</summary>
    /// <exception cref="BackupRefusedException">The archive is damaged, incomplete or not a Gazette backup.</exception>
    public static async Task<BackupManifest> VerifyAsync(string path, CancellationToken cancellationToken, IProgress<BackupProgress>? progress = null)
    {
        return await ReadAsync(path, async (zip, manifest) =>
        {
            for (var i = 0; i < manifest.Entries.Count; i++)
            {
                progress?.Report(new BackupProgress("Checking", i, manifest.Entries.Count));
                await using var source = await OpenAsync(zip, manifest.Entries[i], cancellationToken);
                await CheckAsync(source, Stream.Null, manifest.Entries[i], cancellationToken);
            }
            return manifest;
        });
    }

    /// <summary>
    /// The manifest alone, read from the zip's directory at the archive's end: a quick first look that
    /// refuses an archive cut short, or one that is no Gazette backup, before anything else is done with it.
    /// </summary>
    public static Task<BackupManifest> ReadManifestAsync(string path) => ReadAsync(path, (_, manifest) => Task.FromResult(manifest));

    /// <summary>Writes every entry under <paramref name="folder"/>, checking each again as it is written.</summary>
    public static Task ExtractAsync(string path, string folder, CancellationToken cancellationToken, IProgress<BackupProgress>? progress = null) =>
        ReadAsync(path, async (zip, manifest) =>
        {
            var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
            var done = 0;
            foreach (var expected in manifest.Entries)
            {
                progress?.Report(new BackupProgress("Unpacking", done++, manifest.Entries.Count));
                var target = Path.GetFullPath(Path.Combine(root, expected.Name));
                if (!target.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new BackupRefusedException($"The archive names a file outside the data folder (\"{expected.Name}\"): it is not a Gazette backup.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = await OpenAsync(zip, expected, cancellationToken);
                await using var file = File.Create(target);
                await CheckAsync(source, file, expected, cancellationToken);
            }
            return 0;
        });

    private static async Task<T> ReadAsync<T>(string path, Func<ZipArchive, BackupManifest, Task<T>> read)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null);
            var manifest = await ManifestAsync(zip);
            return await read(zip, manifest);
        }
        catch (InvalidDataException e)
        {
            throw new BackupRefusedException($"The archive is damaged or incomplete ({e.Message}). Nothing was changed.", e);
        }
        catch (EndOfStreamException e)
        {
            throw new BackupRefusedException("The archive is incomplete: it ends too early. Nothing was changed.", e);
        }
    }

    private static async Task<BackupManifest> ManifestAsync(ZipArchive zip)
    {
        if (zip.GetEntry(BackupManifest.EntryName) is not { } entry)
        {
            throw new BackupRefusedException("The archive has no manifest.json: it is not a Gazette backup. Nothing was changed.");
        }
        BackupManifest? manifest;
        await using (var stream = await entry.OpenAsync())
        {
            manifest = BackupManifest.Read(stream);
        }
        if (manifest is null)
        {
            throw new BackupRefusedException("The archive's manifest.json cannot be read: it is not a Gazette backup. Nothing was changed.");
        }
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new BackupRefusedException(
                $"The archive is in backup format {manifest.Format}; this version of Gazette reads format {BackupManifest.CurrentFormat}. Nothing was changed.");
        }
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expected in manifest.Entries)
        {
            if (!IsSafeName(expected.Name) || !listed.Add(expected.Name))
            {
                throw new BackupRefusedException($"The archive's manifest names \"{expected.Name}\", which no Gazette backup holds. Nothing was changed.");
            }
        }
        foreach (var entryInZip in zip.Entries)
        {
            if (entryInZip.FullName != BackupManifest.EntryName && !listed.Contains(entryInZip.FullName))
            {
                throw new BackupRefusedException($"The archive holds \"{entryInZip.FullName}\", which its manifest does not list. Nothing was changed.");
            }
        }
        return manifest;
    }

    /// <summary><c>database/…</c> or <c>media/…</c>, relative, forward slashes, no empty, dot or dot-dot segment.</summary>
    internal static bool IsSafeName(string name)
    {
        var segments = name.Split('/');
        return segments.Length >= 2
            && segments[0] is "database" or "media"
            && segments.All(s => s.Length > 0 && s != "." && s != ".." && s.IndexOfAny(['\\', ':', '\0']) < 0);
    }

    private static async Task<Stream> OpenAsync(ZipArchive zip, BackupEntry expected, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (zip.GetEntry(expected.Name) is not { } entry)
        {
            throw new BackupRefusedException($"The archive is missing \"{expected.Name}\", which its manifest lists. Nothing was changed.");
        }
        return await entry.OpenAsync(cancellationToken);
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>, never past the size the manifest gives, and compares the SHA-256.</summary>
    private static async Task CheckAsync(Stream source, Stream target, BackupEntry expected, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > expected.Size)
            {
                break;
            }
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        if (total != expected.Size || !string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), expected.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupRefusedException($"\"{expected.Name}\" in the archive is not what was backed up (its size or checksum differs): the archive is damaged. Nothing was changed.");
        }
    }
}
