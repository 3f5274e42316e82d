using System.Text.RegularExpressions;
using System.Xml;

namespace Gazette.Features.WordPress;

/// <summary>
/// The staging pass: reads a whole export once, writing nothing, so that a broken, truncated or
/// ambiguous file is refused before the import changes the database. Keeps only identifiers.
/// A file that is not well-formed XML is read a second time, leniently, as WordPress's importer falls back
/// to a more forgiving parser; a truncated file is refused either way.
/// </summary>
public static partial class WxrValidator
{
    /// <summary>What the file holds, how the import must read it, and what its report should say about that reading.</summary>
    public sealed record Summary(WxrChannel Channel, int Items, int Comments)
    {
        public WxrParsing Parsing { get; init; } = WxrParsing.Strict;

        /// <summary>Report lines: the repairs a lenient reading made, and the repeated ids settled as WordPress settles them.</summary>
        public IReadOnlyList<string> Notes { get; init; } = [];
    }

    /// <summary>Notes of one kind beyond this many are counted, not listed.</summary>
    private const int MaxNotesPerKind = 50;

    /// <summary>Throws <see cref="WxrFormatException"/> saying what is wrong, or counts what the file holds.</summary>
    public static Summary Validate(Stream stream, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.CanSeek ? stream.Position : 0;
        try
        {
            return Check(stream, WxrParsing.Strict, null, progress, cancellationToken);
        }
        catch (WxrFormatException strict) when (strict.MightBeMended && stream.CanSeek)
        {
            stream.Position = start;
            var repairs = new WxrRepairs();
            var summary = Check(stream, WxrParsing.Lenient, repairs, progress, cancellationToken);
            var note = $"{Reason(strict)}; it was read by the lenient parser, as WordPress's importer would"
                + (repairs.Any ? $". Repaired: {repairs}." : ".");
            return summary with { Parsing = WxrParsing.Lenient, Notes = [note, .. summary.Notes] };
        }
    }

    /// <summary>"The file is not well-formed XML (line 812: Reference to undeclared entity 'nbsp')".</summary>
    private static string Reason(WxrFormatException strict) => strict.InnerException switch
    {
        XmlException xml when xml.Message.Contains("Invalid character in the given encoding", StringComparison.Ordinal)
            => $"The file's bytes do not match its declared character encoding (line {xml.LineNumber})",
        XmlException xml => $"The file is not well-formed XML (line {xml.LineNumber}: {Printable(Position().Replace(xml.Message, "").TrimEnd('.'))})",
        _ => strict.Message.TrimEnd('.'),
    };

    /// <summary>XmlReader quotes the character it refused, which may be a control character: not for the report.</summary>
    private static string Printable(string message) => string.Concat(message.Where(c => !char.IsControl(c)));

    [GeneratedRegex(@"\s*Line \d+, position \d+\.$")]
    private static partial Regex Position();

    private static Summary Check(Stream stream, WxrParsing parsing, WxrRepairs? repairs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        WxrChannel? channel = null;
        var posts = new HashSet<string>(StringComparer.Ordinal);
        var logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var notes = new Notes();
        var commentCount = 0;
        foreach (var entry in WxrReader.Read(stream, parsing, repairs))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (entry)
            {
                case WxrChannel c:
                    channel = c;
                    break;
                case WxrAuthor author when author.Login.Length == 0:
                    throw new WxrFormatException("An author (wp:author) has no login (wp:author_login).");
                case WxrAuthor author when !logins.Add(author.Login):
                    // Only an author listed again after the items: the reader settles the ones listed before.
                    throw new WxrFormatException($"The author login \"{author.Login}\" appears twice.");
                case WxrAuthor author:
                    if (author.Listings > 1)
                    {
                        notes.Add("authors", $"authors: {author.Login}: listed {author.Listings} times; as WordPress's importer does, "
                            + "the last listing's name and email are used");
                    }
                    break;
                case WxrTerm term when term.Slug.Length == 0 && term.Name.Length == 0:
                    throw new WxrFormatException($"A {TermName(term.Taxonomy)} (id {term.Id}) has neither a name nor a slug.");
                case WxrTerm term:
                    if (term.SharedId is { } shared)
                    {
                        notes.Add("terms", $"{KindOf(term.Taxonomy)}: \"{term.Name}\" (slug \"{term.Slug}\") has the id {shared} of an earlier "
                            + $"{TermName(term.Taxonomy)} with another slug; as WordPress's importer does, both are imported, each by its slug");
                    }
                    break;
                case WxrItem item:
                    if (item.Id.Length == 0)
                    {
                        throw new WxrFormatException($"The item \"{Cut(item.Title)}\" has no WordPress ID (wp:post_id).");
                    }
                    posts.Add(item.Id);
                    // An ID met twice is not refused: WordPress's importer keeps the first item with an ID and
                    // passes over the others (real exports have them: the Theme Unit Test data's menu items),
                    // and so does the import here, saying so in its report.
                    foreach (var comment in item.Comments)
                    {
                        if (comment.Id.Length == 0)
                        {
                            throw new WxrFormatException($"A comment on item {item.Id} has no ID (wp:comment_id).");
                        }
                        if (comment.SharedId is { } sharedId)
                        {
                            notes.Add("comments", $"comments: #{sharedId} on item {item.Id}: an earlier comment in the file has the same ID; "
                                + $"as WordPress's importer does, both are imported (this one as #{comment.Id})");
                        }
                        commentCount++;
                    }
                    if (stream.CanSeek && stream.Length > 0)
                    {
                        progress?.Report((double)stream.Position / stream.Length);
                    }
                    break;
            }
        }
        return channel is null
            ? throw new WxrFormatException("The WordPress export has no channel.")
            : new Summary(channel, posts.Count, commentCount) { Parsing = parsing, Notes = notes.Lines() };
    }

    private static string TermName(string taxonomy) => taxonomy switch
    {
        "category" => "category",
        "post_tag" => "tag",
        _ => "term",
    };

    private static string KindOf(string taxonomy) => taxonomy switch
    {
        "category" => "categories",
        "post_tag" => "tags",
        _ => "terms",
    };

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>Report lines by kind, the first of each kind listed and the rest counted.</summary>
    private sealed class Notes
    {
        private readonly List<string> _lines = [];
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public void Add(string kind, string line)
        {
            var count = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
            if (count <= MaxNotesPerKind)
            {
                _lines.Add(line);
            }
        }

        public List<string> Lines() =>
        [
            .. _lines,
            .. _counts.Where(c => c.Value > MaxNotesPerKind).Select(c => $"{c.Key}: {c.Value - MaxNotesPerKind} more repeated ids settled as above"),
        ];
    }
}
