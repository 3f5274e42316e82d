using System.Globalization;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
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

/// <summary>Why an upload was refused, in words for the uploader; <see cref="TooLarge"/> when it is for its size, in bytes or in pixels.</summary>
public sealed record ImageRefusal(string Message, bool TooLarge = false);

/// <summary>
/// Proves an upload is the image it claims to be by walking its structure and decoding it, then
/// turns it the right way up, drops its metadata (EXIF with GPS and camera serials, IPTC, XMP,
/// PNG text, GIF comments; the ICC colour profile stays) and makes the resized copies pages offer
/// in <c>srcset</c>: WebP and the original's format at each of <see cref="VariantWidths"/> below
/// the original's width, and a WebP at the original's own width up to the largest.
/// GIFs keep their animation: their copies are GIFs only, because ImageSharp 2 writes WebP
/// with a single frame and browsers would pick the still WebP over the moving GIF. An animated
/// WebP, which ImageSharp 2 can neither read whole nor write, is kept as it came, less its
/// metadata (<see cref="AnimatedWebp"/>), once each of its frames has decoded.
/// </summary>
public sealed class ImageProcessor(IOptionsMonitor<MediaSettings> settings) : IDisposable
{
    /// <summary>The widths pages choose from; an image is never enlarged to reach one.</summary>
    public static readonly IReadOnlyList<int> VariantWidths = [480, 960, 1600];

    /// <summary>
    /// The one ImageSharp configuration uploads are read and written with. ImageSharp's default
    /// allocator pools up to a share of the machine's memory and keeps it for minutes, so one
    /// 50-megapixel photo left the process hundreds of megabytes larger; this one pools 32 MB at
    /// most, and larger buffers go back to the system when the image is disposed.
    /// </summary>
    private static readonly Configuration ImageSharp = Configure();

    // Decoding and encoding take much memory and CPU: a few uploads at a time per instance.
    private readonly SemaphoreSlim _gate = new(Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>The processed image, or why <paramref name="fileName"/> was refused.</summary>
    public async Task<(ProcessedImage? Image, ImageRefusal? Refusal)> ProcessAsync(byte[] data, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var format = Image.DetectFormat(ImageSharp, data);
        if (format is null)
        {
            return Refuse($"\"{fileName}\" is not a JPEG, PNG, GIF or WebP image.");
        }
        if (ImageKind.Of(format) is not { } kind)
        {
            return Refuse($"\"{fileName}\" is a {format.Name} image; upload JPEG, PNG, GIF or WebP.");
        }
        if (!ImageIntegrity.IsComplete(data, format.Name, out var frames))
        {
            return Refuse($"\"{fileName}\" is incomplete: the file ends before the image does. It may have been cut short while copying or downloading; upload the whole file.");
        }
        var damaged = new ImageRefusal($"\"{fileName}\" looks like a {format.Name} image but is damaged and cannot be read.");
        // Only headers are read here: nothing is decoded until the size is known to be acceptable.
        var animated = AnimatedWebp.IsAnimated(data);
        var animation = animated ? AnimatedWebp.Read(data) : null;
        var size = !animated ? Identify(data) : animation is null ? null : new Size(animation.Width, animation.Height);
        if (size is not { } canvas)
        {
            return (null, damaged);
        }
        if (animation is not null)
        {
            frames = new ImageFrames(animation.Frames.Count, 0, 0);
        }
        if (TooManyPixels(fileName, canvas, frames, settings.CurrentValue.MaxMegapixels) is { } tooMany)
        {
            return (null, tooMany);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (animation is null ? Process(data, kind, cancellationToken) : Process(animation, cancellationToken), null);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            // Decoders fail on damaged data in many ways; none of them is the uploader's to read.
            return (null, damaged);
        }
        catch (InvalidMemoryOperationException)
        {
            return Refuse($"\"{fileName}\" is too large to process: it needs more memory than an image may take.", tooLarge: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static (ProcessedImage?, ImageRefusal?) Refuse(string message, bool tooLarge = false) => (null, new ImageRefusal(message, tooLarge));

    private static bool IsUnreadable(Exception e) =>
        e is ImageFormatException or NotSupportedException or InvalidDataException or ArgumentException or IndexOutOfRangeException;

    private static Configuration Configure()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = 32 });
        return configuration;
    }

    private static Size? Identify(byte[] data)
    {
        try
        {
            return Image.Identify(ImageSharp, data, out _) is { } info ? info.Size() : null;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Refuses an image that would decode to more than <paramref name="maxMegapixels"/>, counting
    /// every frame of an animation, or one with a single frame that large.
    /// </summary>
    private static ImageRefusal? TooManyPixels(string fileName, Size canvas, ImageFrames frames, int maxMegapixels)
    {
        var max = maxMegapixels * 1_000_000L;
        var limit = $"an image may have at most {maxMegapixels} megapixel{(maxMegapixels == 1 ? "" : "s")}{(frames.Count > 1 ? ", counting every frame" : "")}. Scale it down and upload it again.";
        if (frames.LargestPixels > max)
        {
            return new ImageRefusal(string.Create(CultureInfo.InvariantCulture,
                $"\"{fileName}\" has a frame of {frames.LargestWidth} × {frames.LargestHeight} pixels ({frames.LargestPixels / 1e6:0.#} megapixels); {limit}"), TooLarge: true);
        }
        var pixels = (long)canvas.Width * canvas.Height * frames.Count;
        if (pixels <= max)
        {
            return null;
        }
        var count = frames.Count > 1 ? $" in {frames.Count} frames" : "";
        return new ImageRefusal(string.Create(CultureInfo.InvariantCulture,
            $"\"{fileName}\" is {canvas.Width} × {canvas.Height} pixels{count} ({pixels / 1e6:0.#} megapixels{(count.Length > 0 ? " in all" : "")}); {limit}"), TooLarge: true);
    }

    private static ProcessedImage Process(byte[] data, ImageKind kind, CancellationToken cancellationToken)
    {
        using var image = Image.Load(ImageSharp, data, out _);
        var lossless = image.Metadata.GetWebpMetadata().FileFormat == WebpFileFormatType.Lossless;
        image.Mutate(x => x.AutoOrient());
        StripMetadata(image);
        var original = Encode(image, kind, original: true, lossless);
        return new ProcessedImage(original, Variants(image, kind, webpCopies: kind != ImageKind.Gif && kind != ImageKind.Webp, cancellationToken));
    }

    /// <summary>
    /// Every frame is decoded, so that nothing is stored that a decoder cannot read; the first
    /// gives the copies. They are PNG stills: pages offer copies in the original's format only,
    /// so a still never stands in for the moving original (the library's thumbnails use them).
    /// </summary>
    private static ProcessedImage Process(AnimatedWebp animation, CancellationToken cancellationToken)
    {
        using var canvas = new Image<Rgba32>(ImageSharp, animation.Width, animation.Height);
        foreach (var frame in animation.Frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The frame's own header could claim more than its place in the animation: checked before decoding.
            if (Image.Identify(ImageSharp, frame.Still, out _) is not { } info || info.Width != frame.Width || info.Height != frame.Height)
            {
                throw new InvalidImageContentException("A frame's image is not the size the animation gives it.");
            }
            using var image = Image.Load(ImageSharp, frame.Still);
            if (frame == animation.Frames[0])
            {
                canvas.Mutate(x => x.DrawImage(image, new Point(frame.X, frame.Y), 1f));
            }
        }
        var original = new EncodedImage(animation.Cleaned, ImageKind.Webp, animation.Width, animation.Height);
        return new ProcessedImage(original, Variants(canvas, ImageKind.Png, webpCopies: false, cancellationToken));
    }

    /// <summary>Copies of <paramref name="image"/> in <paramref name="kind"/>, and in WebP if asked, largest first, each made from the one before: a 24-megapixel photo is resized once.</summary>
    private static List<EncodedImage> Variants(Image image, ImageKind kind, bool webpCopies, CancellationToken cancellationToken)
    {
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
                if (webpCopies)
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
        return variants;
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
