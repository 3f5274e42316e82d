using System.Security.Cryptography;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace Gazette.Features.Media;

/// <summary>Stores uploaded images under the data folder, served at <c>/media/…</c>.</summary>
public sealed class MediaStore(IOptions<GazetteOptions> options, TimeProvider clock)
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    private static readonly HashSet<string> AllowedFormats = ["JPEG", "PNG", "GIF", "WEBP"];

    /// <summary>
    /// Decodes the upload to prove it is the image it claims to be, drops its EXIF, IPTC and XMP
    /// metadata (camera serials, GPS), and stores it. Returns the public path, or an error for the editor.
    /// </summary>
    public async Task<(string? Path, string? Error)> SaveImageAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length == 0)
        {
            return (null, "The uploaded file is empty.");
        }
        if (file.Length > MaxUploadBytes)
        {
            return (null, $"The image is larger than {MaxUploadBytes / (1024 * 1024)} MB.");
        }

        Image image;
        IImageFormat format;
        try
        {
            await using var stream = file.OpenReadStream();
            (image, format) = await Image.LoadWithFormatAsync(stream, cancellationToken);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            return (null, $"\"{file.FileName}\" is not a JPEG, PNG, GIF or WebP image.");
        }

        using (image)
        {
            if (!AllowedFormats.Contains(format.Name.ToUpperInvariant()))
            {
                return (null, $"\"{file.FileName}\" is a {format.Name} image; upload JPEG, PNG, GIF or WebP.");
            }
            image.Metadata.ExifProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            foreach (var frame in image.Frames)
            {
                frame.Metadata.ExifProfile = null;
                frame.Metadata.XmpProfile = null;
            }

            var now = clock.GetUtcNow();
            var folder = $"{now.Year:0000}/{now.Month:00}";
            var name = Slugs.From(Path.GetFileNameWithoutExtension(file.FileName));
            var unique = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var relative = $"{folder}/{name}-{unique}.{format.FileExtensions.First()}";
            var fullPath = Path.Combine(options.Value.MediaPath, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            await image.SaveAsync(fullPath, Configuration.Default.ImageFormatsManager.FindEncoder(format), cancellationToken);
            return ("/media/" + relative, null);
        }
    }
}
