using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Gazette.Features.Articles;

namespace Gazette.Features.WordPress;

/// <summary>An image WordPress knows as an attachment, as a gallery or featured image needs it.</summary>
public sealed record WordPressImage(string Url, string? Alt, string? Caption, string? Credit);

/// <summary>
/// Turns WordPress post content into the HTML an imported article keeps as its body: block-editor
/// comments removed, <c>[caption]</c> and <c>[gallery]</c> made into figures, classic paragraphs
/// (blank lines) made into <c>&lt;p&gt;</c> as WordPress's <c>wpautop</c> does when it shows a post.
/// </summary>
public static partial class WordPressContent
{
    public sealed record Converted(string Html, IReadOnlyList<string> Notes);

    /// <summary>
    /// The article body for <paramref name="content"/>: HTML that the Markdown editor passes through
    /// untouched (one HTML block, no blank line in it), so the article renders the same after an edit.
    /// </summary>
    public static Converted ToBody(string content, Func<string, WordPressImage?> findImage)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(findImage);
        var notes = new List<string>();
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var blocks = BlockComment().IsMatch(text);
        text = HtmlComment().Replace(text, "");
        text = Caption().Replace(text, m => CaptionFigure(m.Groups["attrs"].Value, m.Groups["inner"].Value));
        text = Gallery().Replace(text, m => GalleryFigures(m.Groups["attrs"].Value, findImage, notes));
        text = Embed().Replace(text, m => $"<p><a href=\"{WebUtility.HtmlEncode(m.Groups["url"].Value.Trim())}\">{WebUtility.HtmlEncode(m.Groups["url"].Value.Trim())}</a></p>");
        foreach (var name in OtherShortcode().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal))
        {
            notes.Add($"shortcode [{name}] left as text");
        }
        text = AutoParagraphs(text, lineBreaks: !blocks);
        return new Converted(NoBlankLines(text), notes);
    }

    /// <summary>Plain text from a fragment of HTML: for excerpts, summaries and comments (which are plain text here).</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = html.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = LineBreak().Replace(text, "\n");
        text = ParagraphBreak().Replace(text, "\n\n");
        text = Link().Replace(text, m =>
        {
            var href = WebUtility.HtmlDecode(m.Groups["href"].Value).Trim();
            var label = Tag().Replace(m.Groups["label"].Value, "");
            return WebUtility.HtmlDecode(label).Trim() == href || href.Length == 0 ? label : $"{label} ({href})";
        });
        text = Tag().Replace(text, "");
        return WebUtility.HtmlDecode(text).Trim();
    }

    /// <summary>A one-line lead from HTML for lists and meta descriptions.</summary>
    public static string Summary(string html) =>
        Summaries.Cut(Whitespace().Replace(ToPlainText(html), " ").Trim(), Summaries.MaxLength);

    private static string CaptionFigure(string attrs, string inner)
    {
        var split = CaptionImage().Match(inner.Trim());
        var image = split.Success ? split.Groups["image"].Value : "";
        var caption = split.Success ? split.Groups["rest"].Value.Trim() : inner.Trim();
        if (caption.Length == 0 && CaptionAttribute().Match(attrs) is { Success: true } attribute)
        {
            caption = attribute.Groups["text"].Value;
        }
        return $"<figure class=\"wp-caption\">{image}<figcaption>{caption}</figcaption></figure>";
    }

    private static string GalleryFigures(string attrs, Func<string, WordPressImage?> findImage, List<string> notes)
    {
        var ids = IdsAttribute().Match(attrs) is { Success: true } m
            ? m.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        var images = ids.Select(findImage).OfType<WordPressImage>().ToList();
        if (images.Count == 0)
        {
            notes.Add(ids.Length == 0
                ? "a [gallery] of the post's attached images was removed: add them by hand"
                : $"a [gallery] of images not in the export ({string.Join(", ", ids)}) was removed");
            return "";
        }
        if (images.Count < ids.Length)
        {
            notes.Add($"a [gallery] lost {ids.Length - images.Count} of its {ids.Length} images, not in the export");
        }
        var html = new StringBuilder("<ul class=\"gallery\">");
        foreach (var image in images)
        {
            html.Append("<li><figure><img src=\"").Append(WebUtility.HtmlEncode(image.Url)).Append("\" alt=\"")
                .Append(WebUtility.HtmlEncode(image.Alt ?? "")).Append("\">");
            if (image.Caption is { Length: > 0 } caption)
            {
                html.Append("<figcaption>").Append(WebUtility.HtmlEncode(caption)).Append("</figcaption>");
            }
            html.Append("</figure></li>");
        }
        return html.Append("</ul>").ToString();
    }

    /// <summary>
    /// WordPress's <c>wpautop</c>, in short: text separated by blank lines becomes paragraphs, unless it
    /// already starts with a block element; in classic content a single line break becomes <c>&lt;br&gt;</c>.
    /// </summary>
    private static string AutoParagraphs(string text, bool lineBreaks)
    {
        var kept = new List<string>();
        text = Preformatted().Replace(text, m =>
        {
            kept.Add(m.Value);
            return $"\n\n<pre data-kept=\"{kept.Count - 1}\"></pre>\n\n";
        });
        var chunks = ParagraphSplit().Split(text).Select(c => c.Trim()).Where(c => c.Length > 0);
        var html = new StringBuilder();
        foreach (var chunk in chunks)
        {
            if (html.Length > 0)
            {
                html.Append("\n\n");
            }
            if (BlockStart().IsMatch(chunk))
            {
                html.Append(chunk);
            }
            else
            {
                html.Append("<p>").Append(lineBreaks ? chunk.Replace("\n", "<br>\n", StringComparison.Ordinal) : chunk).Append("</p>");
            }
        }
        return KeptPre().Replace(html.ToString(), m => kept[int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>
    /// A blank line ends an HTML block in CommonMark, and what follows would be read as Markdown: each
    /// blank line becomes a line holding <c>&amp;#10;</c>, the same newline as a character reference.
    /// </summary>
    private static string NoBlankLines(string html) => BlankLine().Replace(html, "\n$1&#10;");

    [GeneratedRegex(@"<!--\s*/?wp:", RegexOptions.CultureInvariant)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"\[(?<tag>caption|wp_caption)(?<attrs>[^\]]*)\](?<inner>.*?)\[/\k<tag>\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(?<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?<rest>.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionImage();

    [GeneratedRegex(@"\bcaption\s*=\s*""(?<text>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAttribute();

    [GeneratedRegex(@"(?<!\[)\[gallery(?<attrs>[^\]]*)\](?!\])", RegexOptions.IgnoreCase)]
    private static partial Regex Gallery();

    [GeneratedRegex(@"\bids\s*=\s*[""']?(?<ids>[\d,\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex IdsAttribute();

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>.*?)\[/embed\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Embed();

    [GeneratedRegex(@"(?<!\[)\[(?<name>[a-z][a-z0-9_-]*)(?:\s[^\]]*)?/?\](?:.*?\[/\k<name>\])?", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OtherShortcode();

    [GeneratedRegex(@"<pre\b.*?</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Preformatted();

    [GeneratedRegex(@"<pre data-kept=""(?<n>\d+)""></pre>")]
    private static partial Regex KeptPre();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphSplit();

    [GeneratedRegex(@"^</?(?:address|article|aside|blockquote|details|dialog|div|dl|dt|dd|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"\n([ \t]*)\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"<br\s*/?>\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"\s*</p>\s*(?:<p\b[^>]*>)?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"<a\b[^>]*\bhref\s*=\s*[""'](?<href>[^""']*)[""'][^>]*>(?<label>.*?)</a>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
