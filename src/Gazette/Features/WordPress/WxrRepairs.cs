using System.Globalization;

namespace Gazette.Features.WordPress;

/// <summary>How an export is read: as the XML it claims to be, or leniently, mending the slips real exports carry.</summary>
public enum WxrParsing
{
    Strict,
    Lenient,
}

/// <summary>
/// What the lenient reading of an export mended, kind by kind: how many times, from which line, with a
/// few examples. The report quotes it, so that the person importing knows what was read differently.
/// </summary>
public sealed class WxrRepairs
{
    public const string UndefinedEntity = "HTML entities XML does not know, read as their characters";
    public const string BareAmpersand = "bare '&' read as text";
    public const string StrayLessThan = "stray '<' read as text";
    public const string HtmlOutsideCdata = "HTML tags in a post's or comment's text outside CDATA read as text";
    public const string CdataEndInText = "']]>' outside a CDATA section read as text";
    public const string CdataEndInCdata = "']]>' inside a CDATA section kept in it";
    public const string InvalidCharacter = "characters XML forbids (control characters, lone surrogates) dropped";
    public const string TextBeforeDeclaration = "characters before the XML declaration dropped";
    public const string NotUtf8 = "bytes that are not UTF-8 read as Windows-1252 (Latin-1)";

    private const int MaxExamples = 5;

    private readonly Dictionary<string, Repair> _byKind = new(StringComparer.Ordinal);

    private sealed class Repair(long firstLine)
    {
        public long FirstLine { get; } = firstLine;
        public long Count { get; set; }
        public List<string> Examples { get; } = [];
    }

    public bool Any => _byKind.Count > 0;

    /// <summary>How many times this kind of slip was mended.</summary>
    public long CountOf(string kind) => _byKind.TryGetValue(kind, out var repair) ? repair.Count : 0;

    /// <summary>Notes one mend; <paramref name="line"/> is 0 where it is not known.</summary>
    internal void Note(string kind, long line, string? example = null)
    {
        if (!_byKind.TryGetValue(kind, out var repair))
        {
            _byKind[kind] = repair = new Repair(line);
        }
        repair.Count++;
        if (example is not null && repair.Examples.Count < MaxExamples && !repair.Examples.Contains(example))
        {
            repair.Examples.Add(example);
        }
    }

    /// <summary>"HTML entities … characters: 3 (from line 12: &amp;nbsp; &amp;hellip;); bare '&amp;' read as text: 1 (line 40)".</summary>
    public override string ToString() => string.Join("; ", _byKind.Select(p => string.Create(CultureInfo.InvariantCulture,
        $"{p.Key}: {p.Value.Count}{Where(p.Value)}")));

    private static string Where(Repair repair)
    {
        var line = repair.FirstLine <= 0 ? "" : repair.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"line {repair.FirstLine}")
            : string.Create(CultureInfo.InvariantCulture, $"from line {repair.FirstLine}");
        var examples = string.Join(' ', repair.Examples);
        return (line, examples) switch
        {
            ("", "") => "",
            ("", _) => $" ({examples})",
            (_, "") => $" ({line})",
            _ => $" ({line}: {examples})",
        };
    }
}
