using System.Buffers.Binary;

namespace Gazette.Features.Media;

/// <summary>
/// How many frames an image file holds, and the largest frame as the file declares it: a GIF's
/// frame may claim to be larger than the image around it, and the decoder makes room for what it
/// claims. 0 × 0 when the format has no frames of its own.
/// </summary>
internal readonly record struct ImageFrames(int Count, int LargestWidth, int LargestHeight)
{
    public static readonly ImageFrames Single = new(1, 0, 0);

    public long LargestPixels => (long)LargestWidth * LargestHeight;
}

/// <summary>
/// Walks an image file's structure to its end. ImageSharp decodes a truncated JPEG, GIF or WebP
/// without complaint (the missing part comes out grey), so decoding alone cannot tell a whole
/// upload from one cut short in copying or downloading.
/// </summary>
internal static class ImageIntegrity
{
    /// <summary>
    /// True when <paramref name="data"/> holds a complete image of <paramref name="format"/>
    /// (ImageSharp's format name), and <paramref name="frames"/> says what frames it has:
    /// only GIFs have more than one (an animated WebP's frames are read by <see cref="AnimatedWebp"/>).
    /// </summary>
    public static bool IsComplete(ReadOnlySpan<byte> data, string format, out ImageFrames frames)
    {
        frames = ImageFrames.Single;
        return format.ToUpperInvariant() switch
        {
            "JPEG" => JpegIsComplete(data),
            "PNG" => PngIsComplete(data),
            "GIF" => GifIsComplete(data, out frames),
            "WEBP" => WebpIsComplete(data),
            _ => false,
        };
    }

    // Marker segments carry their length; after each start-of-scan comes entropy-coded data, in
    // which 0xFF is followed by 0x00 (stuffing) or a restart marker, up to the next real marker.
    private static bool JpegIsComplete(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return false;
        }
        var i = 2;
        while (i + 1 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                // Stray bytes between segments: decoders skip them, and so do we.
                var skip = data[i..].IndexOf((byte)0xFF);
                if (skip < 0)
                {
                    return false;
                }
                i += skip;
                continue;
            }
            var marker = data[i + 1];
            if (marker == 0xD9)
            {
                return true;
            }
            if (marker is 0xFF)
            {
                i++;
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }
            if (i + 3 >= data.Length)
            {
                return false;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (length < 2)
            {
                return false;
            }
            i += 2 + length;
            if (marker != 0xDA)
            {
                continue;
            }
            while (true)
            {
                if (i >= data.Length)
                {
                    return false;
                }
                var next = data[i..].IndexOf((byte)0xFF);
                if (next < 0 || i + next + 1 >= data.Length)
                {
                    return false;
                }
                i += next;
                var after = data[i + 1];
                if (after is not (0x00 or 0xFF or (>= 0xD0 and <= 0xD7)))
                {
                    break;
                }
                i++;
            }
        }
        return false;
    }

    private static bool PngIsComplete(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!data.StartsWith(signature))
        {
            return false;
        }
        long i = signature.Length;
        while (i + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)i..]);
            var type = data.Slice((int)i + 4, 4);
            i += 12L + length;
            if (i > data.Length)
            {
                return false;
            }
            if (type.SequenceEqual("IEND"u8))
            {
                return true;
            }
        }
        return false;
    }

    private static bool GifIsComplete(ReadOnlySpan<byte> data, out ImageFrames frames)
    {
        frames = new ImageFrames(0, 0, 0);
        if (data.Length < 13 || !(data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)))
        {
            return false;
        }
        var i = 13 + ColorTableLength(data[10]);
        while (i < data.Length)
        {
            switch (data[i])
            {
                case 0x3B: // trailer
                    return frames.Count > 0;
                case 0x21: // extension: introducer, label, sub-blocks
                    i += 2;
                    break;
                case 0x2C: // image: descriptor, local colour table, LZW code size, sub-blocks
                    if (i + 10 > data.Length)
                    {
                        return false;
                    }
                    var width = BinaryPrimitives.ReadUInt16LittleEndian(data[(i + 5)..]);
                    var height = BinaryPrimitives.ReadUInt16LittleEndian(data[(i + 7)..]);
                    frames = (long)width * height > frames.LargestPixels
                        ? new ImageFrames(frames.Count + 1, width, height)
                        : frames with { Count = frames.Count + 1 };
                    i += 10 + ColorTableLength(data[i + 9]) + 1;
                    break;
                default:
                    return false;
            }
            while (true)
            {
                if (i >= data.Length)
                {
                    return false;
                }
                var size = data[i];
                i += 1 + size;
                if (size == 0)
                {
                    break;
                }
            }
        }
        return false;

        static int ColorTableLength(byte packed) => (packed & 0x80) != 0 ? 3 * (1 << ((packed & 0x07) + 1)) : 0;
    }

    // RIFF: "RIFF", the size of what follows, "WEBP", then chunks (four-character code, size, data padded to even).
    private static bool WebpIsComplete(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20 || !data.StartsWith("RIFF"u8) || !data[8..].StartsWith("WEBP"u8))
        {
            return false;
        }
        long end = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (end > data.Length)
        {
            return false;
        }
        long i = 12;
        var chunks = 0;
        while (i + 8 <= end)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(int)(i + 4)..]);
            i += 8L + size + (size & 1);
            chunks++;
        }
        return chunks > 0 && i <= end + 1;
    }
}
