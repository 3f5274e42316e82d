using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace Gazette.Tests.Features.Media;

/// <summary>
/// Images put together byte by byte: an animated WebP (which ImageSharp 2 cannot write), and
/// files whose headers claim far more pixels than their few bytes hold.
/// </summary>
public static class CraftedImages
{
    /// <summary>Text in the EXIF chunk <see cref="AnimatedWebp"/> adds when asked; it must not reach a stored file.</summary>
    public const string ExifMarker = "GazetteAnimatedExif";

    /// <summary>One frame of an animation: a plain colour, at a place on the canvas (even coordinates).</summary>
    public sealed record Frame(Rgba32 Colour, int X = 0, int Y = 0, int? Width = null, int? Height = null);

    /// <summary>
    /// An animated WebP of <paramref name="frames"/> on a <paramref name="width"/> × <paramref name="height"/>
    /// canvas, each frame encoded by ImageSharp as a still (lossless, or lossy with transparency) and
    /// wrapped in ANMF chunks as libwebp's animation encoder does; with EXIF at the end when asked.
    /// <paramref name="claimedSize"/> makes every frame claim another size than its image has.
    /// </summary>
    public static byte[] AnimatedWebp(int width, int height, IReadOnlyList<Frame> frames, bool lossy = false, bool exif = false, (int Width, int Height)? claimedSize = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var chunks = new List<byte[]>();
        var flags = (byte)(0x02 | 0x10 | (exif ? 0x08 : 0));
        chunks.Add(Chunk("VP8X", [flags, 0, 0, 0, .. UInt24(width - 1), .. UInt24(height - 1)]));
        chunks.Add(Chunk("ANIM", [255, 255, 255, 255, 0, 0]));
        foreach (var frame in frames)
        {
            var (w, h) = (frame.Width ?? width, frame.Height ?? height);
            using var image = new Image<Rgba32>(w, h, frame.Colour);
            using var still = new MemoryStream();
            image.Save(still, new WebpEncoder { FileFormat = lossy ? WebpFileFormatType.Lossy : WebpFileFormatType.Lossless });
            // The still's chunks after its RIFF header, less the extended header: ALPH and VP8, or VP8L.
            var bitstream = still.ToArray()[12..];
            if (bitstream.AsSpan().StartsWith("VP8X"u8))
            {
                bitstream = bitstream[18..];
            }
            var (cw, ch) = claimedSize ?? (w, h);
            chunks.Add(Chunk("ANMF", [.. UInt24(frame.X / 2), .. UInt24(frame.Y / 2), .. UInt24(cw - 1), .. UInt24(ch - 1), .. UInt24(100), 0, .. bitstream]));
        }
        if (exif)
        {
            chunks.Add(Chunk("EXIF", Encoding.ASCII.GetBytes("MM\0*\0\0\0\b" + ExifMarker)));
        }
        return Chunk("RIFF", [.. "WEBP"u8, .. chunks.SelectMany(c => c)]);
    }

    /// <summary>A valid PNG of a few dozen bytes whose header says it is <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 2; // RGB
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[1024]);
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", header), .. PngChunk("IDAT", compressed.ToArray()), .. PngChunk("IEND", [])];
    }

    /// <summary>A GIF of a 10 × 10 screen holding one frame that claims to be <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] GifWithAFrameOf(int width, int height) =>
    [
        .. "GIF89a"u8, 10, 0, 10, 0, 0x80, 0, 0, // screen, with a global table of two colours
        0, 0, 0, 255, 255, 255,
        0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0,
        2, 2, 0x4C, 0x01, 0, // LZW: minimum code size 2, one block of two bytes
        0x3B,
    ];

    private static byte[] UInt24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static byte[] Chunk(string id, byte[] payload)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)payload.Length);
        byte[] padding = payload.Length % 2 == 1 ? [0] : [];
        return [.. Encoding.ASCII.GetBytes(id), .. size, .. payload, .. padding];
    }

    private static byte[] PngChunk(string id, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(id), .. data];
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        return [.. length, .. typed, .. crc];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
