using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Gazette.Features.Media;

/// <summary>One of the four formats the library takes.</summary>
public sealed record ImageKind(string ContentType, string Extension)
{
    public static readonly ImageKind Jpeg = new("image/jpeg", "jpg");
    public static readonly ImageKind Png = new("image/png", "png");
    public static readonly ImageKind Gif = new("image/gif", "gif");
    public static readonly ImageKind Webp = new("image/webp", "webp");

    public static ImageKind? Of(IImageFormat format) => format.Name.ToUpperInvariant() switch
    {
        "JPEG" => Jpeg,
        "PNG" => Png,
        "GIF" => Gif,
        "WEBP" => Webp,
        _ => null,
    };
}

/// <summary>A file ready to be stored: its bytes and what they hold.</summary>
public sealed record EncodedImage(byte[] Bytes, ImageKind Kind, int Width, int Height);

/// <summary>An upload made safe to publish: the original without its metadata, and its resized copies.</summary>
public sealed record ProcessedImage(EncodedImage Original, IReadOnlyList<EncodedImage> Variants);

/// <summary>
/// Proves an upload is the image it claims to be by walking its structure and decoding it, then
/// turns it the right way up, drops its metadata (EXIF with GPS and camera serials, IPTC, XMP,
/// PNG text, GIF comments; the ICC colour profile stays) and makes the resized copies pages offer
/// in <c>srcset</c>: WebP and the original's format at each of <see cref="VariantWidths"/> below
/// the original's width, and a WebP at the original's own width up to the largest.
/// GIFs keep their animation: their copies are GIFs only, because ImageSharp 2 writes WebP
/// with a single frame and browsers would pick the still WebP over the moving GIF.
/// </summary>
public sealed class ImageProcessor : IDisposable
{
    /// <summary>The widths pages choose from; an image is never enlarged to reach one.</summary>
    public static readonly IReadOnlyList<int> VariantWidths = [480, 960, 1600];

    /// <summary>Width × height × frames an upload may decode to: a 60-megapixel photo, or a 600×400 GIF of 250 frames.</summary>
    public const long MaxPixels = 60_000_000;

    // Decoding and encoding take much memory and CPU: a few uploads at a time per instance.
    private readonly SemaphoreSlim _gate = new(Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>The processed image, or why <paramref name="fileName"/> was refused, in words for the uploader.</summary>
    public async Task<(ProcessedImage? Image, string? Error)> ProcessAsync(byte[] data, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var info = Identify(data, out var format);
        if (info is null || format is null)
        {
            return (null, $"\"{fileName}\" is not a JPEG, PNG, GIF or WebP image.");
        }
        if (ImageKind.Of(format) is not { } kind)
        {
            return (null, $"\"{fileName}\" is a {format.Name} image; upload JPEG, PNG, GIF or WebP.");
        }
        if (!ImageIntegrity.IsComplete(data, format.Name, out var frames))
        {
            return (null, $"\"{fileName}\" is incomplete: the file ends before the image does. It may have been cut short while copying or downloading; upload the whole file.");
        }
        if ((long)info.Width * info.Height * frames > MaxPixels)
        {
            return (null, $"\"{fileName}\" is too big to process ({info.Width} × {info.Height} pixels{(frames > 1 ? $", {frames} frames" : "")}). Images may have at most {MaxPixels / 1_000_000} million pixels in all.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (Process(data, kind, cancellationToken), null);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            // Decoders fail on damaged data in many ways; none of them is the uploader's to read.
            return (null, $"\"{fileName}\" looks like a {format.Name} image but is damaged and cannot be read.");
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static IImageInfo? Identify(byte[] data, out IImageFormat? format)
    {
        try
        {
            return Image.Identify(data, out format);
        }
        catch (ImageFormatException)
        {
            format = null;
            return null;
        }
    }

    private static ProcessedImage Process(byte[] data, ImageKind kind, CancellationToken cancellationToken)
    {
        using var image = Image.Load(data, out _);
        var lossless = image.Metadata.GetWebpMetadata().FileFormat == WebpFileFormatType.Lossless;
        image.Mutate(x => x.AutoOrient());
        StripMetadata(image);
        var original = Encode(image, kind, original: true, lossless);

        // Largest first, each copy made from the one before: a 24-megapixel photo is resized once.
        var variants = new List<EncodedImage>();
        var source = image;
        try
        {
            foreach (var width in WidthsFor(image.Width).OrderDescending())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (width < source.Width)
                {
                    var resized = source.Clone(x => x.Resize(width, 0));
                    if (source != image)
                    {
                        source.Dispose();
                    }
                    source = resized;
                }
                if (kind != ImageKind.Gif && kind != ImageKind.Webp)
                {
                    variants.Add(Encode(source, ImageKind.Webp, original: false, lossless: false));
                }
                // At its own width the original itself serves.
                if (width < image.Width)
                {
                    variants.Add(Encode(source, kind, original: false, lossless: false));
                }
            }
        }
        finally
        {
            if (source != image)
            {
                source.Dispose();
            }
        }
        return new ProcessedImage(original, variants);
    }

    /// <summary>The standard widths below the image's, and the image's own up to the largest.</summary>
    public static IEnumerable<int> WidthsFor(int width) =>
        VariantWidths.Where(w => w < width).Append(Math.Min(width, VariantWidths[^1])).Distinct();

    private static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
        }
        image.Metadata.GetPngMetadata().TextData.Clear();
        image.Metadata.GetGifMetadata().Comments.Clear();
    }

    private static EncodedImage Encode(Image image, ImageKind kind, bool original, bool lossless)
    {
        IImageEncoder encoder = kind.Extension switch
        {
            "jpg" => new JpegEncoder { Quality = original ? 90 : 82 },
            "png" => new PngEncoder(),
            "gif" => new GifEncoder(),
            _ when lossless => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
            // Level 2 takes a sixth of the time of the default level for 3 % more bytes.
            _ => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = original ? 90 : 80, Method = WebpEncodingMethod.Level2 },
        };
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return new EncodedImage(stream.ToArray(), kind, image.Width, image.Height);
    }
}
