using System.Buffers;
using System.Globalization;
using AngleSharp.Html;

namespace Gazette.Features.WordPress;

/// <summary>
/// The lenient reader's repair step: the text of an export that is not well-formed XML, mended as it
/// streams into <see cref="System.Xml.XmlReader"/>, for the slips WordPress's importer reads past (its
/// fallback parser takes each element's text as it stands): HTML entities XML does not define
/// (<c>&amp;nbsp;</c>, <c>&amp;hellip;</c>) become character references, a bare <c>&amp;</c> or <c>&lt;</c> in
/// text becomes text, <c>]]&gt;</c> written into a CDATA section stays in it, characters XML forbids
/// are dropped, and anything before the XML declaration (a blank line, a BOM, a plugin's PHP notice) is
/// skipped. Well-formed XML passes through unchanged. Only a few characters are looked ahead, so a file
/// of any size streams through in constant memory. Each mend is noted in <see cref="WxrRepairs"/>.
/// </summary>
internal sealed class WxrRepairingReader(TextReader inner, WxrRepairs repairs) : TextReader
{
    /// <summary>How far the start of the file is searched for the XML declaration or the root element.</summary>
    private const int Prolog = 64 * 1024;

    /// <summary>Enough for the longest HTML entity name (32 characters) and a CDATA end with the space after it.</summary>
    private const int Lookahead = 80;

    private const string CdataStart = "<![CDATA[";

    private enum Mode { Start, Markup, Cdata, Comment, Instruction, Html }

    /// <summary>The elements that hold a post's or comment's HTML, which WordPress wraps in CDATA (other exporters may not).</summary>
    private static readonly string[] HtmlStartTags = ["<content:encoded>", "<excerpt:encoded>", "<wp:comment_content>"];

    /// <summary>The end tag of the HTML element being read outside CDATA.</summary>
    private string _htmlEnd = "";

    private readonly char[] _in = new char[Prolog + 4096];
    private int _pos;
    private int _len;
    private bool _eof;
    private long _line = 1;
    private Mode _mode = Mode.Start;

    private char[] _out = new char[8192];
    private int _outPos;
    private int _outLen;

    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!Available())
        {
            return 0;
        }
        var n = Math.Min(count, _outLen - _outPos);
        Array.Copy(_out, _outPos, buffer, index, n);
        _outPos += n;
        return n;
    }

    public override int Read() => Available() ? _out[_outPos++] : -1;

    public override int Peek() => Available() ? _out[_outPos] : -1;

    private bool Available()
    {
        while (_outPos == _outLen)
        {
            _outPos = _outLen = 0;
            if (!Fill())
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Mends the next stretch of input into the output; false once the input is spent.</summary>
    private bool Fill()
    {
        if (_mode == Mode.Start)
        {
            SkipToTheDeclaration();
            _mode = Mode.Markup;
        }
        while (_outLen < 4096 && Ensure(1))
        {
            // Most of a file needs no mending: runs of ordinary characters are copied whole.
            var ordinary = _in.AsSpan(_pos, _len - _pos).IndexOfAny(Special);
            if (ordinary != 0)
            {
                Take(ordinary < 0 ? _len - _pos : ordinary);
                continue;
            }
            switch (_mode)
            {
                case Mode.Markup: Markup(); break;
                case Mode.Html: Html(); break;
                case Mode.Cdata: Cdata(); break;
                case Mode.Comment: Until("-->"); break;
                case Mode.Instruction: Until("?>"); break;
            }
        }
        return _outLen > 0;
    }

    private void SkipToTheDeclaration()
    {
        Ensure(Prolog);
        var text = _in.AsSpan(_pos, _len - _pos);
        var declaration = text.IndexOf("<?xml", StringComparison.Ordinal);
        var root = text.IndexOf("<rss", StringComparison.Ordinal);
        var start = declaration < 0 ? root : root < 0 ? declaration : Math.Min(declaration, root);
        if (start > 0)
        {
            var skipped = text[..start];
            repairs.Note(WxrRepairs.TextBeforeDeclaration, _line, Quote(skipped.ToString()));
            _line += skipped.Count('\n');
            _pos += start;
        }
    }

    private void Markup()
    {
        var c = _in[_pos];
        switch (c)
        {
            case '&':
                Ampersand();
                break;
            case '<' when StartsWith(CdataStart):
                Take(CdataStart.Length);
                _mode = Mode.Cdata;
                break;
            case '<' when StartsWith("<!--"):
                Take(4);
                _mode = Mode.Comment;
                break;
            case '<' when StartsWith("<?"):
                Take(2);
                _mode = Mode.Instruction;
                break;
            case '<' when Array.Find(HtmlStartTags, StartsWith) is { } html:
                Take(html.Length);
                _htmlEnd = "</" + html[1..];
                _mode = Mode.Html;
                break;
            case '<' when Ensure(2) && (_in[_pos + 1] is '/' or '!' or '_' or ':' || char.IsLetter(_in[_pos + 1])):
                Take(1);
                break;
            case '<':
                repairs.Note(WxrRepairs.StrayLessThan, _line);
                Emit("&lt;");
                _pos++;
                break;
            case ']' when StartsWith("]]>"):
                repairs.Note(WxrRepairs.CdataEndInText, _line);
                Emit("]]&gt;");
                _pos += 3;
                break;
            default:
                Character();
                break;
        }
    }

    /// <summary>
    /// A post's HTML outside CDATA: its tags are text, as WordPress's fallback parser takes everything up to
    /// the element's end tag, where an XML parser would read them as elements (and fail on <c>&lt;br&gt;</c>).
    /// </summary>
    private void Html()
    {
        if (StartsWith(_htmlEnd))
        {
            Take(_htmlEnd.Length);
            _mode = Mode.Markup;
        }
        else if (StartsWith(CdataStart))
        {
            Take(CdataStart.Length);
            _mode = Mode.Cdata;
        }
        else if (_in[_pos] == '<')
        {
            repairs.Note(WxrRepairs.HtmlOutsideCdata, _line);
            Emit("&lt;");
            _pos++;
        }
        else if (_in[_pos] == '&')
        {
            Ampersand();
        }
        else
        {
            Character();
        }
    }

    /// <summary>An entity or character reference passes as it is, an HTML entity becomes its character references, anything else is text.</summary>
    private void Ampersand()
    {
        Ensure(Lookahead);
        var rest = _in.AsSpan(_pos + 1, Math.Min(_len - _pos - 1, Lookahead - 1));
        var end = rest.IndexOf(';');
        var name = end > 0 ? rest[..end] : [];
        if (name.Length > 0 && IsReference(name))
        {
            Take(end + 2);
            return;
        }
        if (name.Length > 0 && IsName(name) && HtmlEntityProvider.Resolver.GetSymbol(name.ToString() + ";") is { Length: > 0 } symbol)
        {
            repairs.Note(WxrRepairs.UndefinedEntity, _line, "&" + name.ToString() + ";");
            for (var i = 0; i < symbol.Length; i += char.IsSurrogatePair(symbol, i) ? 2 : 1)
            {
                Emit(string.Create(CultureInfo.InvariantCulture, $"&#x{char.ConvertToUtf32(symbol, i):X};"));
            }
            _pos += end + 2;
            return;
        }
        repairs.Note(WxrRepairs.BareAmpersand, _line);
        Emit("&amp;");
        _pos++;
    }

    /// <summary>One of XML's own five entities, or a character reference.</summary>
    private static bool IsReference(ReadOnlySpan<char> name) => name switch
    {
        "amp" or "lt" or "gt" or "quot" or "apos" => true,
        ['#', 'x' or 'X', .. var hex] => hex.Length > 0 && !hex.ContainsAnyExcept(HexDigits),
        ['#', .. var digits] => digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9'),
        _ => false,
    };

    private static bool IsName(ReadOnlySpan<char> name) => char.IsAsciiLetter(name[0]) && !name.ContainsAnyExcept(NameCharacters);

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    /// <summary>
    /// The characters where a mend may begin in some mode: markup's and references' own, and those XML
    /// forbids (control characters, surrogates, which are checked in pairs, U+FFFE and U+FFFF).
    /// </summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<]-?" + new string([.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c)])
        + new string([.. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]) + "\uFFFE\uFFFF");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// In a CDATA section, <c>]]&gt;</c> ends it only where the element's end tag or the next section
    /// follows, as WordPress writes them; anywhere else it was part of the text, and stays in it.
    /// </summary>
    private void Cdata()
    {
        if (_in[_pos] != ']' || !StartsWith("]]>"))
        {
            Character();
            return;
        }
        Ensure(Lookahead);
        var after = _pos + 3;
        while (after < _len && after - _pos < Lookahead - CdataStart.Length && char.IsWhiteSpace(_in[after]))
        {
            after++;
        }
        var next = _in.AsSpan(after, _len - after);
        if (next.IsEmpty || next.StartsWith("</") || next.StartsWith(CdataStart))
        {
            Take(3);
            _mode = Mode.Markup;
            return;
        }
        repairs.Note(WxrRepairs.CdataEndInCdata, _line);
        Emit("]]]]><![CDATA[>");
        _pos += 3;
    }

    private void Until(string end)
    {
        if (StartsWith(end))
        {
            Take(end.Length);
            _mode = Mode.Markup;
            return;
        }
        Character();
    }

    /// <summary>One character, or a surrogate pair, as it is; dropped where XML 1.0 forbids it.</summary>
    private void Character()
    {
        var c = _in[_pos];
        if (char.IsHighSurrogate(c) && Ensure(2) && char.IsLowSurrogate(_in[_pos + 1]))
        {
            Take(2);
            return;
        }
        if (c is < ' ' and not ('\t' or '\n' or '\r') or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
        {
            repairs.Note(WxrRepairs.InvalidCharacter, _line, string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}"));
            _pos++;
            return;
        }
        Take(1);
    }

    private bool StartsWith(string text) => Ensure(text.Length) && _in.AsSpan(_pos, text.Length).SequenceEqual(text);

    /// <summary>Copies <paramref name="count"/> input characters to the output unchanged.</summary>
    private void Take(int count)
    {
        var text = _in.AsSpan(_pos, count);
        _line += text.Count('\n');
        Emit(text);
        _pos += count;
    }

    private void Emit(ReadOnlySpan<char> text)
    {
        if (_outLen + text.Length > _out.Length)
        {
            Array.Resize(ref _out, Math.Max(_out.Length * 2, _outLen + text.Length));
        }
        text.CopyTo(_out.AsSpan(_outLen));
        _outLen += text.Length;
    }

    /// <summary>True when <paramref name="count"/> characters are buffered from the current one; false only near the end.</summary>
    private bool Ensure(int count)
    {
        while (_len - _pos < count && !_eof)
        {
            if (_in.Length - _pos < count + 1024)
            {
                Array.Copy(_in, _pos, _in, 0, _len - _pos);
                _len -= _pos;
                _pos = 0;
            }
            var read = inner.Read(_in, _len, _in.Length - _len);
            _eof = read == 0;
            _len += read;
        }
        return _len - _pos >= count;
    }

    private static string Quote(string skipped)
    {
        var text = new string(skipped.Select(c => char.IsControl(c) || c == '\uFEFF' ? ' ' : c).ToArray()).Trim();
        return text.Length == 0 ? "blank" : "\"" + (text.Length <= 40 ? text : text[..40] + "…") + "\"";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
