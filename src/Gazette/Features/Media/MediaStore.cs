using System.Security.Cryptography;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Media;

/// <summary>
/// The media folder under the data folder, served at <c>/media/…</c>. Every file is named after a
/// hash of its content, so it is written once, never changed, and can be cached for a year.
/// </summary>
public sealed class MediaStore(IOptions<GazetteOptions> options)
{
    public const string AddressPrefix = "/media/";

    /// <summary><c>/media/yyyy/mm/{stem}-{fingerprint}.{ext}</c>, the fingerprint the start of the SHA-256 of the file.</summary>
    public static string AddressFor(DateTime uploadedAt, string stem, EncodedImage file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(file.Bytes))[..10];
        return $"{AddressPrefix}{uploadedAt.Year:0000}/{uploadedAt.Month:00}/{stem}-{fingerprint}.{file.Kind.Extension}";
    }

    /// <summary>Writes the file unless it is there already, which, the name being a hash, means with the same bytes.</summary>
    public async Task WriteAsync(string address, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = FileOf(address);
        if (File.Exists(path))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place, so a reader never gets half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public bool Exists(string address) => File.Exists(FileOf(address));

    public void Delete(string address) => File.Delete(FileOf(address));

    /// <summary>Where the file at <paramref name="address"/> lives; never outside the media folder.</summary>
    public string FileOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var root = Path.GetFullPath(options.Value.MediaPath);
        if (!address.StartsWith(AddressPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{address} is not a media address.", nameof(address));
        }
        var path = Path.GetFullPath(Path.Combine(root, address[AddressPrefix.Length..]));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{address} points outside the media folder.", nameof(address));
        }
        return path;
    }
}
