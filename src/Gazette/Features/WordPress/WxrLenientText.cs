using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Features.WordPress;

/// <summary>
/// The characters of an export for the lenient reader: decoded as its BOM or XML declaration says, except
/// that bytes which are not UTF-8 in a file declared UTF-8 (WordPress 2.x and 3.x sites on Latin-1
/// databases wrote such files) are read as Windows-1252, the Latin-1 that Windows wrote, instead of
/// failing; then mended by <see cref="WxrRepairingReader"/>.
/// </summary>
internal static partial class WxrLenientText
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>The repaired text of <paramref name="stream"/>, which must be able to seek back over its first kilobyte.</summary>
    public static TextReader Open(Stream stream, WxrRepairs repairs)
    {
        var start = stream.Position;
        var head = new byte[1024];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var encoding = DeclaredEncoding(head.AsSpan(0, length)) ?? Utf8ReadingOtherBytesAs1252(repairs);
        // A byte order mark wins over the declaration, as in any XML parser.
        return new WxrRepairingReader(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true), repairs);
    }

    /// <summary>The encoding the declaration names, when it is one other than UTF-8 and known here.</summary>
    private static Encoding? DeclaredEncoding(ReadOnlySpan<byte> head)
    {
        if (Declaration().Match(Encoding.Latin1.GetString(head)) is not { Success: true } match)
        {
            return null;
        }
        var name = match.Groups["name"].Value;
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding Utf8ReadingOtherBytesAs1252(WxrRepairs repairs) =>
        Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new Windows1252Fallback(repairs));

    [GeneratedRegex("""<\?xml[^>]*?encoding\s*=\s*["'](?<name>[A-Za-z0-9._:-]+)["']""")]
    private static partial Regex Declaration();

    /// <summary>Each byte the UTF-8 decoder refuses becomes its Windows-1252 character, and is counted.</summary>
    private sealed class Windows1252Fallback(WxrRepairs repairs) : DecoderFallback
    {
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(repairs);

        private sealed class Buffer(WxrRepairs repairs) : DecoderFallbackBuffer
        {
            private char[] _chars = [];
            private int _next;

            public override int Remaining => _chars.Length - _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                _chars = Windows1252.GetChars(bytesUnknown);
                _next = 0;
                foreach (var b in bytesUnknown)
                {
                    repairs.Note(WxrRepairs.NotUtf8, 0, string.Create(CultureInfo.InvariantCulture, $"0x{b:X2}"));
                }
                return _chars.Length > 0;
            }

            public override char GetNextChar() => _next < _chars.Length ? _chars[_next++] : '\0';

            public override bool MovePrevious()
            {
                if (_next == 0)
                {
                    return false;
                }
                _next--;
                return true;
            }

            public override void Reset()
            {
                _chars = [];
                _next = 0;
            }
        }
    }
}
