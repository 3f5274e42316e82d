using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Gazette.Features.Syndication;

namespace Gazette.Tests.Features.Syndication;

/// <summary>How a reader is to take a field: as HTML, as plain text, or as an address.</summary>
public enum FieldKind
{
    Html,
    Text,
    Url,
}

/// <summary>
/// One field of a feed after one level of XML or JSON decoding: the link of the entry it belongs
/// to (empty for the feed's own fields), its name (<c>dc:creator</c>, <c>link@href</c>,
/// <c>_gazette.image_credit</c>), how the format says to read it, and its value.
/// </summary>
public sealed record FeedField(string Entry, string Name, FieldKind Kind, string Value)
{
    /// <summary>What a reader shows: the text of the HTML once rendered, or the text itself.</summary>
    public string Shown => Kind == FieldKind.Html ? FeedFields.TextOf(Value) : Value;
}

/// <summary>
/// Reads every field of a feed the way the strictest reader would take it. RSS says nothing about
/// what is HTML, and readers render its text as HTML: every RSS element's text is HTML here.
/// Atom's text is HTML where its <c>type</c> says so, Media RSS's description likewise and its
/// credit always; Atom's names, terms and link titles are plain text (RFC 4287). JSON Feed's only
/// HTML is <c>content_html</c>.
/// </summary>
public static class FeedFields
{
    private static readonly HtmlParser Parser = new();
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    // What the feeds' HTML may hold: a comment's paragraphs, an article's body and figure.
    private static readonly HashSet<string> SafeElements =
    [
        "p", "br", "hr", "h2", "h3", "h4", "a", "em", "strong", "blockquote", "ul", "ol", "li", "code", "pre", "sup", "sub",
        "figure", "figcaption", "img", "small", "b", "i", "q", "cite", "del", "s", "strike", "abbr", "acronym",
    ];
    private static readonly HashSet<string> SafeAttributes = ["href", "src", "alt", "width", "height", "id", "rel", "title"];

    public static IReadOnlyList<FeedField> Read(string body, FeedFormat format) =>
        format == FeedFormat.Json ? Json(body) : Xml(body, format);

    /// <summary>
    /// What <paramref name="field"/> holds that a reader must never get: markup beyond the safe
    /// elements, event handlers, addresses that are not http or https.
    /// </summary>
    public static IEnumerable<string> Problems(FeedField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var at = $"{field.Name} of {(field.Entry.Length == 0 ? "the feed" : field.Entry)}";
        if (field.Kind == FieldKind.Url)
        {
            if (!IsWebAddress(field.Value))
            {
                yield return $"{at} is not a web address: {field.Value}";
            }
            yield break;
        }
        if (field.Kind == FieldKind.Text)
        {
            yield break;
        }
        foreach (var element in Render(field.Value).OfType<IElement>().SelectMany(e => e.DescendantsAndSelf<IElement>()))
        {
            if (!SafeElements.Contains(element.LocalName))
            {
                yield return $"{at} holds a live <{element.LocalName}>: {field.Value}";
            }
            foreach (var attribute in element.Attributes)
            {
                if (!SafeAttributes.Contains(attribute.Name))
                {
                    yield return $"{at} holds a live {attribute.Name} attribute: {field.Value}";
                }
                else if (attribute.Name is "href" or "src" && !IsWebAddress(attribute.Value))
                {
                    yield return $"{at} links to {attribute.Value}";
                }
            }
        }
    }

    /// <summary>The text a reader shows for <paramref name="html"/>.</summary>
    public static string TextOf(string html) => string.Concat(Render(html).Select(n => n.TextContent));

    /// <summary><paramref name="html"/> parsed as a reader's <c>innerHTML</c> would parse it.</summary>
    public static INodeList Render(string html)
    {
        var document = Parser.ParseDocument("");
        return Parser.ParseFragment(html, document.Body!);
    }

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static List<FeedField> Xml(string body, FeedFormat format)
    {
        var fields = new List<FeedField>();
        foreach (var element in XDocument.Parse(body).Descendants())
        {
            var entry = EntryOf(element);
            var name = NameOf(element);
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                FieldKind? kind = attribute.Name.LocalName switch
                {
                    "href" or "url" => FieldKind.Url,
                    "term" or "label" or "title" => FieldKind.Text,
                    _ => null,
                };
                if (kind is { } known)
                {
                    fields.Add(new FeedField(entry, $"{name}@{attribute.Name.LocalName}", known, attribute.Value));
                }
            }
            if (!element.HasElements && element.Value.Length > 0)
            {
                fields.Add(new FeedField(entry, name, KindOf(element, format), element.Value));
            }
        }
        return fields;
    }

    private static FieldKind KindOf(XElement element, FeedFormat format)
    {
        if (element.Name.Namespace == Media)
        {
            return element.Name.LocalName == "credit" || (string?)element.Attribute("type") == "html" ? FieldKind.Html : FieldKind.Text;
        }
        if (format == FeedFormat.Rss)
        {
            return FieldKind.Html;
        }
        if (element.Name == Atom + "uri")
        {
            return FieldKind.Url;
        }
        return (string?)element.Attribute("type") is "html" or "xhtml" ? FieldKind.Html : FieldKind.Text;
    }

    /// <summary>The link of the item or entry <paramref name="element"/> is part of; empty for the feed's own.</summary>
    private static string EntryOf(XElement element)
    {
        var entry = element.AncestorsAndSelf().FirstOrDefault(e => e.Name == "item" || e.Name == Atom + "entry");
        return entry is null ? ""
            : entry.Name == "item" ? (string?)entry.Element("link") ?? ""
            : (string?)entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href") ?? "";
    }

    private static string NameOf(XElement element) =>
        element.GetPrefixOfNamespace(element.Name.Namespace) is { Length: > 0 } prefix ? $"{prefix}:{element.Name.LocalName}" : element.Name.LocalName;

    private static List<FeedField> Json(string body)
    {
        using var json = JsonDocument.Parse(body);
        var feed = json.RootElement;
        var fields = new List<FeedField>();
        void Add(string entry, string name, FieldKind kind, JsonElement parent, string property)
        {
            if (parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
            {
                fields.Add(new FeedField(entry, name, kind, value.GetString()!));
            }
        }
        Add("", "title", FieldKind.Text, feed, "title");
        Add("", "description", FieldKind.Text, feed, "description");
        Add("", "home_page_url", FieldKind.Url, feed, "home_page_url");
        Add("", "feed_url", FieldKind.Url, feed, "feed_url");
        foreach (var item in feed.GetProperty("items").EnumerateArray())
        {
            var entry = item.GetProperty("url").GetString()!;
            Add(entry, "url", FieldKind.Url, item, "url");
            Add(entry, "image", FieldKind.Url, item, "image");
            Add(entry, "title", FieldKind.Text, item, "title");
            Add(entry, "summary", FieldKind.Text, item, "summary");
            Add(entry, "content_text", FieldKind.Text, item, "content_text");
            Add(entry, "content_html", FieldKind.Html, item, "content_html");
            if (item.TryGetProperty("authors", out var authors))
            {
                foreach (var author in authors.EnumerateArray())
                {
                    Add(entry, "author", FieldKind.Text, author, "name");
                    Add(entry, "author@url", FieldKind.Url, author, "url");
                }
            }
            if (item.TryGetProperty("tags", out var tags))
            {
                fields.AddRange(tags.EnumerateArray().Select(tag => new FeedField(entry, "tag", FieldKind.Text, tag.GetString()!)));
            }
            if (item.TryGetProperty("_gazette", out var extension))
            {
                foreach (var property in extension.EnumerateObject())
                {
                    Add(entry, "_gazette." + property.Name, FieldKind.Text, extension, property.Name);
                }
            }
        }
        return fields;
    }
}
