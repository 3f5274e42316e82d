using System.IO.Compression;

namespace Gazette.Features.WordPress;

/// <summary>
/// Unpacks a zip of WordPress's <c>wp-content/uploads</c> folder, for an import that cannot be given
/// the folder itself (the staff area takes uploads, not folders). Entries that would land outside the
/// destination are refused; files larger than the media library takes are left out, and so is
/// anything past <see cref="MaxTotalBytes"/>, so a small zip cannot fill the disk.
/// </summary>
public static class UploadsArchive
{
    public const long MaxTotalBytes = 20L * 1024 * 1024 * 1024;

    /// <summary>
    /// Unpacks <paramref name="zip"/> into <paramref name="destination"/> and returns the uploads folder
    /// in it: wrapping folders such as <c>wp-content/uploads/</c> are stepped into.
    /// </summary>
    public static async Task<string> UnpackAsync(string zip, string destination, long maxFileBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var root = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        long total = 0;
        try
        {
            await using var archive = await ZipFile.OpenReadAsync(zip, cancellationToken);
            foreach (var entry in archive.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.FullName.EndsWith('/') || entry.Length > maxFileBytes || entry.FullName.Contains("__MACOSX", StringComparison.Ordinal))
                {
                    continue;
                }
                var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                if (!target.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new WxrFormatException($"The uploads zip holds \"{entry.FullName}\", which points outside the folder.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = await entry.OpenAsync(cancellationToken);
                await using var file = File.Create(target);
                total += await CopyAtMostAsync(source, file, Math.Min(maxFileBytes, MaxTotalBytes - total), cancellationToken);
            }
        }
        catch (InvalidDataException e)
        {
            throw new WxrFormatException($"The uploads file is not a readable zip: {e.Message}");
        }
        var folder = root.TrimEnd(Path.DirectorySeparatorChar);
        while (Directory.GetFiles(folder).Length == 0 && Directory.GetDirectories(folder) is [var only]
            && !IsYear(Path.GetFileName(only)))
        {
            folder = only;
        }
        return folder;
    }

    private static bool IsYear(string name) => name.Length == 4 && name.All(char.IsAsciiDigit);

    /// <summary>Copies, stopping with an error past <paramref name="limit"/> bytes, whatever the entry claimed its size was.</summary>
    private static async Task<long> CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copied += read;
            if (copied > limit)
            {
                throw new WxrFormatException("The uploads zip unpacks to more than it declares, or more than the site takes.");
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return copied;
    }
}
