using System.Globalization;
using System.IO.Compression;

namespace Gazette.Features.WordPress;

/// <summary>
/// Unpacks a zip of WordPress's <c>wp-content/uploads</c> folder, for an import that cannot be given
/// the folder itself (the staff area takes uploads, not folders). Entries that would land outside the
/// destination are refused, and files larger than the media library takes are left out. A zip with
/// more entries, or unpacking to more bytes, than <see cref="WordPressSettings"/> allows, or one that
/// would leave too little free disk, is refused whole and whatever it had unpacked is deleted: a
/// small zip cannot fill the disk.
/// </summary>
public static class UploadsArchive
{
    /// <summary>
    /// Unpacks <paramref name="zip"/> into <paramref name="destination"/> and returns the uploads folder
    /// in it: wrapping folders such as <c>wp-content/uploads/</c> are stepped into.
    /// </summary>
    public static async Task<string> UnpackAsync(
        string zip, string destination, long maxFileBytes, WordPressSettings limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        try
        {
            await using var archive = await ZipFile.OpenReadAsync(zip, cancellationToken);
            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/') && e.Length <= maxFileBytes
                && !e.FullName.Contains("__MACOSX", StringComparison.Ordinal)).ToList();
            Refuse(archive.Entries.Count > limits.MaxUnpackedFiles, string.Create(CultureInfo.InvariantCulture,
                $"The uploads zip holds {archive.Entries.Count:N0} entries; an import unpacks at most {limits.MaxUnpackedFiles:N0}."));
            // What the zip declares is checked first, so that an honest zip too large is refused before
            // anything is written; what is written is counted all the same.
            var declared = entries.Sum(e => e.Length);
            Refuse(declared > limits.MaxUnpackedBytes, TooLarge(limits));
            var free = new DriveInfo(root).AvailableFreeSpace;
            Refuse(free - declared < limits.MinFreeDiskBytes, string.Create(CultureInfo.InvariantCulture,
                $"Unpacking the uploads zip would leave less than {limits.MinFreeDiskMegabytes:N0} MB free on the disk ({free / (1024 * 1024):N0} MB are free now)."));
            long total = 0;
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                Refuse(!target.StartsWith(root, StringComparison.Ordinal), $"The uploads zip holds \"{entry.FullName}\", which points outside the folder.");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = await entry.OpenAsync(cancellationToken);
                await using var file = File.Create(target);
                var room = limits.MaxUnpackedBytes - total;
                var written = await CopyAtMostAsync(source, file, Math.Min(maxFileBytes, room) + 1, cancellationToken);
                Refuse(written > room, TooLarge(limits));
                Refuse(written > maxFileBytes, $"\"{entry.FullName}\" in the uploads zip unpacks to more than it declares.");
                total += written;
            }
        }
        catch (InvalidDataException e)
        {
            Directory.Delete(root, recursive: true);
            throw new WxrFormatException($"The uploads file is not a readable zip: {e.Message}");
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
        var folder = root.TrimEnd(Path.DirectorySeparatorChar);
        while (Directory.GetFiles(folder).Length == 0 && Directory.GetDirectories(folder) is [var only]
            && !IsYear(Path.GetFileName(only)))
        {
            folder = only;
        }
        return folder;
    }

    private static void Refuse(bool refused, string why)
    {
        if (refused)
        {
            throw new WxrFormatException(why + (why.EndsWith('.') ? "" : ".") + " Nothing was imported.");
        }
    }

    private static string TooLarge(WordPressSettings limits) => string.Create(CultureInfo.InvariantCulture,
        $"The uploads zip unpacks to more than {limits.MaxUnpackedMegabytes:N0} MB, the most an import unpacks");

    private static bool IsYear(string name) => name.Length == 4 && name.All(char.IsAsciiDigit);

    /// <summary>Copies at most <paramref name="limit"/> bytes, whatever the entry claimed its size was, and says how many.</summary>
    private static async Task<long> CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while (copied < limit && (read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - copied)), cancellationToken)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            copied += read;
        }
        return copied;
    }
}
