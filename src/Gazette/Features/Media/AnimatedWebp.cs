using System.Buffers.Binary;

namespace Gazette.Features.Media;

/// <summary>
/// An animated WebP, read at the level of its RIFF chunks. ImageSharp 2 refuses animated WebP
/// altogether ("not yet supported"), even to tell its size, and cannot write one; but each frame
/// is an ordinary VP8 or VP8L image that it decodes once wrapped as a still file of its own.
/// </summary>
internal sealed class AnimatedWebp
{
    private const byte AlphaFlag = 0x10, ExifFlag = 0x08, XmpFlag = 0x04, AnimationFlag = 0x02;

    /// <summary>One frame: where it sits on the canvas, and the frame alone as a still WebP file.</summary>
    public sealed record Frame(int X, int Y, int Width, int Height, byte[] Still);

    private AnimatedWebp(int width, int height, IReadOnlyList<Frame> frames, byte[] cleaned)
    {
        Width = width;
        Height = height;
        Frames = frames;
        Cleaned = cleaned;
    }

    /// <summary>The canvas the frames are drawn on.</summary>
    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<Frame> Frames { get; }

    /// <summary>
    /// The file to store: only the chunks that draw the animation (its header, colour profile,
    /// loop and frames), so EXIF, XMP and anything unknown are left behind.
    /// </summary>
    public byte[] Cleaned { get; }

    /// <summary>True for a WebP whose extended header says it is animated.</summary>
    public static bool IsAnimated(ReadOnlySpan<byte> data) =>
        data.Length >= 30 && data.StartsWith("RIFF"u8) && data[8..].StartsWith("WEBPVP8X"u8) && (data[20] & AnimationFlag) != 0;

    /// <summary>The animation in <paramref name="data"/>; null when its chunks do not add up (a frame off the canvas, a frame without an image, …).</summary>
    public static AnimatedWebp? Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!IsAnimated(data))
        {
            return null;
        }
        var end = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        if (end > data.Length || ChunksOf(data.AsMemory(12, (int)end - 12)) is not [("VP8X", var header), .. var rest] || header.Length < 10)
        {
            return null;
        }
        var width = 1 + UInt24(header.Span[4..]);
        var height = 1 + UInt24(header.Span[7..]);
        var cleaned = new List<(string, ReadOnlyMemory<byte>)>
        {
            ("VP8X", (byte[])[(byte)(header.Span[0] & ~(ExifFlag | XmpFlag)), .. header.Span[1..10]]),
        };
        var frames = new List<Frame>();
        foreach (var (id, payload) in rest)
        {
            if (id is "ICCP" or "ANIM")
            {
                cleaned.Add((id, payload));
            }
            else if (id == "ANMF")
            {
                if (ReadFrame(payload, width, height) is not { } frame)
                {
                    return null;
                }
                frames.Add(frame.Frame);
                cleaned.Add((id, frame.Cleaned));
            }
        }
        return frames.Count == 0 ? null : new AnimatedWebp(width, height, frames, Riff(cleaned));
    }

    // A frame: its position (halved) and size less one, 24 bits each, its duration and flags, then
    // its image: VP8L, or VP8 with an optional ALPH chunk of transparency before it.
    private static (Frame Frame, byte[] Cleaned)? ReadFrame(ReadOnlyMemory<byte> payload, int canvasWidth, int canvasHeight)
    {
        if (payload.Length < 16 || ChunksOf(payload[16..]) is not { } chunks)
        {
            return null;
        }
        var span = payload.Span;
        var (x, y) = (2 * UInt24(span), 2 * UInt24(span[3..]));
        var (width, height) = (1 + UInt24(span[6..]), 1 + UInt24(span[9..]));
        if (x + width > canvasWidth || y + height > canvasHeight)
        {
            return null;
        }
        var image = chunks.FirstOrDefault(c => c.Id is "VP8 " or "VP8L");
        if (image.Id is null)
        {
            return null;
        }
        var alpha = image.Id == "VP8 " ? chunks.FirstOrDefault(c => c.Id == "ALPH") : default;
        List<(string Id, ReadOnlyMemory<byte> Payload)> parts = alpha.Id is null ? [image] : [alpha, image];
        // A still with transparency needs the extended header to say so, with the frame's own size.
        var still = alpha.Id is null ? Riff(parts)
            : Riff([("VP8X", (byte[])[AlphaFlag, 0, 0, 0, .. UInt24Bytes(width - 1), .. UInt24Bytes(height - 1)]), .. parts]);
        using var cleaned = new MemoryStream();
        cleaned.Write(span[..16]);
        foreach (var (id, data) in parts)
        {
            WriteChunk(cleaned, id, data.Span);
        }
        return (new Frame(x, y, width, height, still), cleaned.ToArray());
    }

    /// <summary>The chunks in <paramref name="data"/>; null when one claims more bytes than there are.</summary>
    private static List<(string Id, ReadOnlyMemory<byte> Payload)>? ChunksOf(ReadOnlyMemory<byte> data)
    {
        var chunks = new List<(string, ReadOnlyMemory<byte>)>();
        var span = data.Span;
        var i = 0;
        while (i < span.Length)
        {
            if (span.Length - i < 8)
            {
                return null;
            }
            var size = BinaryPrimitives.ReadUInt32LittleEndian(span[(i + 4)..]);
            if (size > span.Length - i - 8)
            {
                return null;
            }
            chunks.Add((System.Text.Encoding.ASCII.GetString(span.Slice(i, 4)), data.Slice(i + 8, (int)size)));
            i += 8 + (int)size + (int)(size & 1);
        }
        return chunks;
    }

    private static byte[] Riff(IEnumerable<(string Id, ReadOnlyMemory<byte> Payload)> chunks)
    {
        using var file = new MemoryStream();
        file.Write("RIFF\0\0\0\0WEBP"u8);
        foreach (var (id, payload) in chunks)
        {
            WriteChunk(file, id, payload.Span);
        }
        var bytes = file.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    private static void WriteChunk(Stream stream, string id, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[8];
        System.Text.Encoding.ASCII.GetBytes(id, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)payload.Length);
        stream.Write(header);
        stream.Write(payload);
        if (payload.Length % 2 == 1)
        {
            stream.WriteByte(0);
        }
    }

    private static int UInt24(ReadOnlySpan<byte> bytes) => bytes[0] | bytes[1] << 8 | bytes[2] << 16;

    private static byte[] UInt24Bytes(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];
}
