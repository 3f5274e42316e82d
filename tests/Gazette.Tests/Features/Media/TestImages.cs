using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace Gazette.Tests.Features.Media;

/// <summary>An image file as a browser would upload it.</summary>
public sealed record TestFile(string FileName, byte[] Bytes, string ContentType);

/// <summary>Images drawn in code, in the four formats the library takes, with or without private metadata.</summary>
public static class TestImages
{
    /// <summary>Text hidden in the metadata by <see cref="WithPrivateMetadata"/>; none of it may reach a stored file.</summary>
    public static readonly IReadOnlyList<string> PrivateMarkers =
        ["GazetteTestCam", "GazetteSecretXmp", "GazetteSecretCity", "GazetteSecretText", "GazetteSecretComment"];

    public static string ContentType(string extension) => extension switch
    {
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(extension), extension, null),
    };

    public static TestFile File(string name, string extension, int width = 1650, int height = 600, int frames = 1, Action<Image>? decorate = null) =>
        new($"{name}.{extension}", Draw(extension, width, height, frames, decorate), ContentType(extension));

    /// <summary>A gradient, so that encoders have real work; extra frames make an animated GIF.</summary>
    public static byte[] Draw(string extension, int width, int height, int frames = 1, Action<Image>? decorate = null)
    {
        using var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgba32((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x + y) % 256));
                }
            }
        });
        for (var i = 1; i < frames; i++)
        {
            using var frame = new Image<Rgba32>(width, height, new Rgba32((byte)(40 * i), 90, 160));
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }
        decorate?.Invoke(image);
        using var stream = new MemoryStream();
        image.Save(stream, Encoder(extension));
        return stream.ToArray();
    }

    /// <summary>EXIF with GPS and the camera, XMP, IPTC, PNG text and GIF comments: what phones and editors leave in files.</summary>
    public static void WithPrivateMetadata(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "GazetteTestCam");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(59, 1), new Rational(19, 1), new Rational(4512, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(18, 1), new Rational(4, 1), new Rational(1200, 100)]);
        image.Metadata.ExifProfile = exif;
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
            "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'>" +
            "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' " +
            "xmlns:dc='http://purl.org/dc/elements/1.1/' dc:source='GazetteSecretXmp'/></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"));
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.City, "GazetteSecretCity");
        image.Metadata.IptcProfile = iptc;
        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Location", "GazetteSecretText", "", ""));
        image.Metadata.GetGifMetadata().Comments.Add("GazetteSecretComment");
    }

    private static IImageEncoder Encoder(string extension) => extension switch
    {
        "jpg" => new JpegEncoder(),
        "png" => new PngEncoder(),
        "gif" => new GifEncoder(),
        "webp" => new WebpEncoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(extension), extension, null),
    };
}
