using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Gazette.Features.WordPress;

/// <summary>
/// Reads a WordPress eXtended RSS file (WXR 1.0, 1.1 or 1.2) as a stream: one author, term or item
/// at a time, never the whole file. Namespaces are recognised by their pattern, not their exact URI,
/// because exporters write <c>http://wordpress.org/export/1.2/</c>, <c>https://…</c> and older versions.
/// </summary>
public static partial class WxrReader
{
    /// <summary>
    /// The entries of <paramref name="stream"/>, in file order: first one <see cref="WxrChannel"/>,
    /// then <see cref="WxrAuthor"/>, <see cref="WxrTerm"/> and <see cref="WxrItem"/> entries.
    /// Throws <see cref="WxrFormatException"/> with a message for people on any broken input.
    /// </summary>
    public static IEnumerable<object> Read(Stream stream) => Read(stream, WxrParsing.Strict);

    /// <summary>
    /// The entries of <paramref name="stream"/>, read strictly as XML or, with <see cref="WxrParsing.Lenient"/>,
    /// through <see cref="WxrRepairingReader"/>, which mends the slips WordPress's importer reads past and
    /// notes each in <paramref name="repairs"/>. Both stream the file; the lenient reading needs a stream that can seek.
    /// </summary>
    public static IEnumerable<object> Read(Stream stream, WxrParsing parsing, WxrRepairs? repairs = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            // Lets character references to control characters (&#11;) through; a raw control character still
            // fails the strict reading, and the lenient one drops it.
            CheckCharacters = false,
        };
        var context = new XmlParserContext(null, new TolerantNamespaces(new NameTable()), null, XmlSpace.None);
        using var text = parsing == WxrParsing.Lenient ? WxrLenientText.Open(stream, repairs ?? new WxrRepairs()) : null;
        using var reader = text is null ? XmlReader.Create(stream, settings, context) : XmlReader.Create(text, settings, context);
        using var entries = ReadEntries(reader).GetEnumerator();
        while (true)
        {
            object entry;
            try
            {
                if (!entries.MoveNext())
                {
                    yield break;
                }
                entry = entries.Current;
            }
            catch (XmlException e)
            {
                throw new WxrFormatException(DescribeXmlError(e), e) { MightBeMended = !IsTruncation(e) };
            }
            catch (System.Text.DecoderFallbackException e)
            {
                throw new WxrFormatException(EncodingMismatch + ".", e) { MightBeMended = true };
            }
            yield return entry;
        }
    }

    /// <summary>
    /// Namespaces that also answer for a prefix the file never declares. WordPress.com writes
    /// <c>&lt;atom:link …/&gt;</c> in the channel without declaring <c>atom</c> on <c>&lt;rss&gt;</c>, and
    /// WordPress's importer reads such files (its XML parser only warns), so an undeclared prefix gets
    /// a namespace of its own instead of failing the whole file. Everything else is still checked:
    /// a file that is not well-formed is refused as before, and <see cref="WxrVersionOf"/> still wants
    /// the <c>wp</c> namespace declared.
    /// </summary>
    private sealed class TolerantNamespaces(XmlNameTable names) : XmlNamespaceManager(names)
    {
        public override string? LookupNamespace(string prefix) =>
            base.LookupNamespace(prefix) ?? NameTable!.Add("urn:gazette:undeclared-prefix:" + prefix);
    }

    private const string EncodingMismatch = "The file's bytes do not match its declared character encoding";

    /// <summary>
    /// The reason for people. XmlReader reports bytes its decoder refuses (a file declared UTF-8 but
    /// saved as Latin-1) as an <see cref="XmlException"/> of its own, not a DecoderFallbackException,
    /// so that case is told apart by its message.
    /// </summary>
    private static string DescribeXmlError(XmlException e) => e.Message switch
    {
        _ when IsTruncation(e)
            => $"The file ends too soon (line {e.LineNumber}): it looks truncated. Export it again from WordPress.",
        var m when m.Contains("Invalid character in the given encoding", StringComparison.Ordinal)
            => $"{EncodingMismatch} (line {e.LineNumber}, position {e.LinePosition}): it was saved in another encoding than its first line "
                + "(<?xml … encoding=\"…\"?>) names. Export it again from WordPress, or correct that declaration.",
        _ => $"The file is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}",
    };

    private static bool IsTruncation(XmlException e) => e.Message.Contains("Unexpected end of file", StringComparison.Ordinal);

    private static IEnumerable<object> ReadEntries(XmlReader reader)
    {
        if (!reader.IsStartElement())
        {
            throw new WxrFormatException("The file holds no XML element: it is not a WordPress export.");
        }
        if (reader.LocalName != "rss")
        {
            throw new WxrFormatException($"This is XML, but not a WordPress export: its root element is <{reader.Name}>, not <rss>.");
        }
        var version = WxrVersionOf(reader);
        if (version is null)
        {
            throw new WxrFormatException(
                "This is an RSS feed, but not a WordPress export: it declares no WordPress export (wp:) namespace.");
        }
        reader.ReadStartElement();
        if (!MoveToChildElement(reader) || reader.LocalName != "channel")
        {
            throw new WxrFormatException("The WordPress export has no <channel>.");
        }
        reader.ReadStartElement();
        string title = "", link = "", baseSiteUrl = "", baseBlogUrl = "";
        var channelGiven = false;
        var authorsReleased = false;
        var collisions = new WxrCollisions();
        while (MoveToChildElement(reader))
        {
            var key = Key(reader);
            if (!channelGiven && key is "wp:author" or "wp:category" or "wp:tag" or "wp:term" or "item")
            {
                channelGiven = true;
                yield return Channel();
            }
            if (key == "item" && !authorsReleased)
            {
                // Authors are held until the first item, so that a login listed twice comes out once.
                authorsReleased = true;
                foreach (var author in collisions.ReleaseAuthors())
                {
                    yield return author;
                }
            }
            switch (key)
            {
                case "title": title = Text(reader); break;
                case "link": link = Text(reader).Trim(); break;
                case "wp:base_site_url": baseSiteUrl = Text(reader).Trim(); break;
                case "wp:base_blog_url": baseBlogUrl = Text(reader).Trim(); break;
                case "wp:wxr_version": version = Text(reader).Trim(); break;
                case "wp:author" when authorsReleased: yield return ReadAuthor(reader); break;
                case "wp:author": collisions.Hold(ReadAuthor(reader)); break;
                case "wp:category" or "wp:tag" or "wp:term":
                    var term = ReadTerm(reader, key switch { "wp:category" => "category", "wp:tag" => "post_tag", _ => null });
                    if (collisions.Settle(term) is { } settled)
                    {
                        yield return settled;
                    }
                    break;
                case "item":
                    var item = WxrItemReader.Read(reader);
                    collisions.Settle(item);
                    yield return item;
                    break;
                default: reader.Skip(); break;
            }
        }
        if (!channelGiven)
        {
            yield return Channel();
        }
        foreach (var author in collisions.ReleaseAuthors())
        {
            yield return author;
        }
        // Reading to the end proves the file is whole: a cut-off export fails here, before the import commits.
        while (reader.Read())
        {
        }

        WxrChannel Channel() => new(title, link, baseSiteUrl.Length > 0 ? baseSiteUrl : link, version, baseBlogUrl.Length > 0 ? baseBlogUrl : link);
    }

    /// <summary>The WXR version from the root's wp namespace declaration, or null when there is none.</summary>
    private static string? WxrVersionOf(XmlReader reader)
    {
        string? version = null;
        while (reader.MoveToNextAttribute())
        {
            if (WordPressNamespace().Match(reader.Value) is { Success: true } match && !reader.Value.Contains("/excerpt", StringComparison.Ordinal))
            {
                version = match.Groups["version"].Value;
            }
        }
        reader.MoveToElement();
        return version;
    }

    private static WxrAuthor ReadAuthor(XmlReader reader)
    {
        string id = "", login = "";
        string? email = null, display = null, first = null, last = null;
        foreach (var (key, value) in Children(reader))
        {
            switch (key)
            {
                case "wp:author_id": id = value.Trim(); break;
                case "wp:author_login": login = value.Trim(); break;
                case "wp:author_email": email = Blank(value); break;
                case "wp:author_display_name": display = Blank(value); break;
                case "wp:author_first_name": first = Blank(value); break;
                case "wp:author_last_name": last = Blank(value); break;
            }
        }
        return new WxrAuthor(id, login, email, display, first, last);
    }

    private static WxrTerm ReadTerm(XmlReader reader, string? taxonomy)
    {
        string id = "", slug = "", name = "";
        string? parent = null, description = null;
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return new WxrTerm(taxonomy ?? "", id, slug, name, null, null);
        }
        reader.ReadStartElement();
        while (MoveToChildElement(reader))
        {
            var key = Key(reader);
            if (key == "wp:termmeta")
            {
                // <wp:termmeta><wp:meta_key>…</wp:meta_key><wp:meta_value>…</wp:meta_value></wp:termmeta>, WordPress 4.4 on.
                var pair = Children(reader).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
                if (pair.GetValueOrDefault("wp:meta_key") is { Length: > 0 } metaKey)
                {
                    meta[metaKey.Trim()] = pair.GetValueOrDefault("wp:meta_value") ?? "";
                }
                continue;
            }
            var value = Text(reader);
            switch (key)
            {
                case "wp:term_id": id = value.Trim(); break;
                case "wp:term_taxonomy": taxonomy ??= value.Trim(); break;
                case "wp:category_nicename" or "wp:tag_slug" or "wp:term_slug": slug = value.Trim(); break;
                case "wp:cat_name" or "wp:tag_name" or "wp:term_name": name = value.Trim(); break;
                case "wp:category_parent" or "wp:term_parent": parent = Blank(value); break;
                case "wp:category_description" or "wp:tag_description" or "wp:term_description": description = Blank(value); break;
            }
        }
        reader.ReadEndElement();
        return new WxrTerm(taxonomy ?? "", id, Uri.UnescapeDataString(slug), name, parent is null ? null : Uri.UnescapeDataString(parent), description)
        {
            Meta = meta,
        };
    }

    /// <summary>The simple child elements of the current element, as (key, text) pairs; the reader ends after it.</summary>
    internal static IEnumerable<(string Key, string Value)> Children(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            yield break;
        }
        reader.ReadStartElement();
        while (MoveToChildElement(reader))
        {
            var key = Key(reader);
            yield return (key, Text(reader));
        }
        reader.ReadEndElement();
    }

    /// <summary>
    /// Moves to the next child element of the element being read, past any text between elements;
    /// false at the element's end tag. Real exports carry the odd stray character, such as a
    /// <c>'</c> after <c>&lt;/wp:is_sticky&gt;</c>, which WordPress ignores. A loop on
    /// <see cref="XmlReader.IsStartElement()"/> stops at such text instead: inside an item it failed
    /// on the next element, and in the channel it ended the channel there, silently dropping every
    /// item after it. Every loop over child elements goes through here.
    /// </summary>
    internal static bool MoveToChildElement(XmlReader reader)
    {
        while (reader.MoveToContent() is not (XmlNodeType.Element or XmlNodeType.EndElement or XmlNodeType.None))
        {
            reader.Read();
        }
        return reader.NodeType == XmlNodeType.Element;
    }

    /// <summary>
    /// An element's text, however many CDATA sections and entities it is split into (exporters
    /// write <c>]]&gt;</c> inside a post as <c>]]]]&gt;&lt;![CDATA[&gt;</c>); nested elements are skipped.
    /// </summary>
    internal static string Text(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }
        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace
                && reader.Depth == depth + 1)
            {
                text.Append(reader.Value);
            }
            if (!reader.Read())
            {
                throw new XmlException("Unexpected end of file while reading an element.", null, 0, 0);
            }
        }
        reader.Read();
        return text.ToString();
    }

    /// <summary>"wp:post_id", "content:encoded", "title": the element's name with a prefix chosen by its namespace.</summary>
    internal static string Key(XmlReader reader)
    {
        var ns = reader.NamespaceURI;
        if (ns.Length == 0)
        {
            return reader.LocalName;
        }
        var prefix = ns switch
        {
            _ when ns.Contains("wordpress.org/export/", StringComparison.OrdinalIgnoreCase)
                => ns.Contains("/excerpt", StringComparison.OrdinalIgnoreCase) ? "excerpt" : "wp",
            _ when ns.Contains("purl.org/rss/1.0/modules/content", StringComparison.OrdinalIgnoreCase) => "content",
            _ when ns.Contains("purl.org/dc/elements", StringComparison.OrdinalIgnoreCase) => "dc",
            _ when ns.Contains("wellformedweb.org/CommentAPI", StringComparison.OrdinalIgnoreCase) => "wfw",
            _ => reader.Prefix,
        };
        return prefix + ":" + reader.LocalName;
    }

    /// <summary>WordPress's "2019-03-04 10:15:00", or null for its empty date (<c>0000-00-00 00:00:00</c>).</summary>
    internal static DateTime? Date(string value)
    {
        var text = value.Trim();
        if (text.Length == 0 || text.StartsWith("0000", StringComparison.Ordinal))
        {
            return null;
        }
        return DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? DateTime.SpecifyKind(parsed, DateTimeKind.Utc)
            : null;
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^https?://wordpress\.org/export/(?<version>1\.\d+)/?", RegexOptions.IgnoreCase)]
    private static partial Regex WordPressNamespace();
}
