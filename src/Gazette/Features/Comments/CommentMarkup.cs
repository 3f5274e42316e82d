using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Gazette.Features.Comments;

/// <summary>
/// How comment text is read (see <see cref="CommentText"/>): a <c>&lt;</c> that opens one of
/// <see cref="Tags"/> is markup, any other is a character. The parsing itself is AngleSharp's,
/// through HtmlSanitizer; the sanitisers are made once and shared (sanitising is thread-safe).
/// </summary>
internal static partial class CommentMarkup
{
    /// <summary>WordPress's tags for comments (<c>$allowedtags</c>) and <c>pre</c>, as the pattern that finds them lists them.</summary>
    private const string TagNames = "a|abbr|acronym|b|blockquote|cite|code|del|em|i|pre|q|s|strike|strong";

    public static readonly IReadOnlyList<string> Tags = TagNames.Split('|');

    /// <summary>Renders text: the tags above, the paragraphs and line breaks this class writes, links marked as readers' own.</summary>
    private static readonly HtmlSanitizer Renderer = CreateSanitizer([.. Tags, "p", "br"], keepChildren: false, markLinks: true);

    /// <summary>Reads HTML from elsewhere: the tags above are kept, any other is taken away and its content kept.</summary>
    private static readonly HtmlSanitizer Reader = CreateSanitizer(Tags, keepChildren: true, markLinks: false);

    private static readonly HtmlParser Parser = new();

    /// <summary>What a browser shows but this text does not keep: gone with what is in them.</summary>
    private static readonly string[] Unseen = ["script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "title"];

    /// <summary>Elements that end a paragraph in HTML from elsewhere (but the quote and preformatted text, which are kept).</summary>
    private static readonly string[] Paragraphs = ["p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "figure", "section", "article", "aside", "header", "footer", "address", "hr"];

    /// <summary>
    /// The body of <paramref name="text"/> rendered: blank lines make paragraphs and newlines line
    /// breaks, as WordPress's <c>wpautop</c> does; a quote stands between paragraphs, preformatted
    /// text keeps its lines.
    /// </summary>
    public static IHtmlElement Render(string text)
    {
        var source = Gate(text);
        var html = new StringBuilder(source.Length + 64);
        var at = 0;
        foreach (Match pre in Preformatted().Matches(source))
        {
            AppendParagraphs(html, source[at..pre.Index]);
            html.Append(pre.Value);
            at = pre.Index + pre.Length;
        }
        AppendParagraphs(html, source[at..]);
        return Renderer.SanitizeDom(html.ToString()).Body!;
    }

    /// <summary>The text's markup as it is kept, without paragraphs: every character that is not markup encoded.</summary>
    public static IHtmlElement Sanitize(string text) => Reader.SanitizeDom(Gate(text)).Body!;

    /// <summary>HTML written elsewhere, as comment text: line breaks and paragraphs become newlines and blank lines.</summary>
    public static string FromHtml(string html)
    {
        var document = Parser.ParseDocument(html.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        foreach (var element in document.QuerySelectorAll(string.Join(',', Unseen)).ToList())
        {
            element.Remove();
        }
        foreach (var element in document.QuerySelectorAll("br").ToList())
        {
            // "<br />" and a newline, as WordPress often keeps them, are one line break.
            if (element.NextSibling is IText next && next.Data.TrimStart(' ', '\t').StartsWith('\n'))
            {
                element.Remove();
            }
            else
            {
                element.Replace(document.CreateTextNode("\n"));
            }
        }
        foreach (var element in document.QuerySelectorAll(string.Join(',', Paragraphs)).ToList())
        {
            element.Before(document.CreateTextNode("\n\n"));
            element.After(document.CreateTextNode("\n\n"));
        }
        Reader.SanitizeDom(document, document.Body);
        return BlankLines().Replace(document.Body!.InnerHtml, "\n\n").Trim();
    }

    /// <summary>Plain text from rendered HTML: paragraphs apart, line breaks kept, a link's address after its words.</summary>
    public static string PlainText(IElement root)
    {
        var text = new StringBuilder();
        AppendPlain(text, root);
        return text.ToString().Trim();
    }

    /// <summary>Any <c>&lt;</c> that opens none of <see cref="Tags"/> (a whole tag, up to its <c>&gt;</c>) becomes <c>&amp;lt;</c>.</summary>
    private static string Gate(string text) =>
        NotATag().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), "&lt;");

    /// <summary>The paragraphs of <paramref name="text"/>: apart wherever a line is blank or holds only spaces.</summary>
    public static IEnumerable<string> ParagraphsOf(string text) =>
        BlankLine().Split(text).Select(chunk => chunk.Trim()).Where(chunk => chunk.Length > 0);

    private static void AppendParagraphs(StringBuilder html, string text)
    {
        foreach (var paragraph in ParagraphsOf(QuoteTag().Replace(text, "\n\n$0\n\n")))
        {
            if (QuoteTag().Match(paragraph) is { Success: true } tag && tag.Length == paragraph.Length)
            {
                html.Append(paragraph);
                continue;
            }
            html.Append("<p>").Append(LineEnd().Replace(paragraph, "<br>")).Append("</p>");
        }
    }

    private static void AppendPlain(StringBuilder text, INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is not IElement element)
            {
                text.Append(child is IText ? child.TextContent : "");
                continue;
            }
            switch (element.LocalName)
            {
                case "br":
                    text.Append('\n');
                    break;
                case "p" or "blockquote" or "pre":
                    EndBlock(text);
                    AppendPlain(text, element);
                    EndBlock(text);
                    break;
                case "a":
                    var start = text.Length;
                    AppendPlain(text, element);
                    var label = text.ToString(start, text.Length - start).Trim();
                    if (element.GetAttribute("href") is { } href)
                    {
                        var shown = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href["mailto:".Length..] : href;
                        if (!string.Equals(label, shown, StringComparison.OrdinalIgnoreCase) && !string.Equals(label, href, StringComparison.OrdinalIgnoreCase))
                        {
                            text.Append(" (").Append(shown).Append(')');
                        }
                    }
                    break;
                default:
                    AppendPlain(text, element);
                    break;
            }
        }
    }

    private static void EndBlock(StringBuilder text)
    {
        while (text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            text.Length--;
        }
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }
    }

    private static HtmlSanitizer CreateSanitizer(IEnumerable<string> tags, bool keepChildren, bool markLinks)
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags = new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase);
        options.AllowedAttributes = new HashSet<string>(["href", "title"], StringComparer.OrdinalIgnoreCase);
        options.UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase);
        options.AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase);
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = keepChildren };
        // Only an address that says where it goes: no relative or protocol-relative link from a reader.
        sanitizer.FilterUrl += (_, e) =>
        {
            var url = e.SanitizedUrl?.Trim();
            e.SanitizedUrl = url is not null && WebOrMail().IsMatch(url) ? url : null;
        };
        if (markLinks)
        {
            sanitizer.PostProcessNode += (_, e) =>
            {
                if (e.Node is IElement { LocalName: "a" } link && link.HasAttribute("href"))
                {
                    link.SetAttribute("rel", "nofollow ugc");
                }
            };
            // A paragraph the parser left empty (a quote opened inside one) is not shown.
            sanitizer.PostProcessDom += (_, e) =>
            {
                foreach (var empty in e.Document.Body!.QuerySelectorAll("p").Where(p => string.IsNullOrWhiteSpace(p.TextContent) && p.Children.Length == 0).ToList())
                {
                    empty.Remove();
                }
            };
        }
        return sanitizer;
    }

    [GeneratedRegex(@"<(?!/?(?:" + TagNames + @")(?:\s(?:[^<>""']|""[^""]*""|'[^']*')*)?/?>)", RegexOptions.IgnoreCase)]
    private static partial Regex NotATag();

    [GeneratedRegex(@"<pre(?:\s[^>]*)?>.*?</pre\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Preformatted();

    [GeneratedRegex(@"</?blockquote(?:\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteTag();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"[ \t]*\n[ \t]*")]
    private static partial Regex LineEnd();

    [GeneratedRegex(@"[ \t]*\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^(?:https?://|mailto:)\S", RegexOptions.IgnoreCase)]
    private static partial Regex WebOrMail();
}
