using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Gazette.Features.Articles;

namespace Gazette.Features.WordPress;

/// <summary>An image WordPress knows as an attachment, as a gallery or featured image needs it.</summary>
public sealed record WordPressImage(string Url, string? Alt, string? Caption, string? Credit, string? Description = null);

/// <summary>
/// Turns WordPress post content into the HTML an imported article keeps as its body, as WordPress
/// shows it: block-editor comments removed; <c>[caption]</c>, <c>[gallery]</c> and the code shortcodes
/// made into HTML; classic paragraphs made by the rules of WordPress's <c>wpautop</c>. Blocks keep
/// their classes, and the sizes their inline styles held become classes too (<see cref="WordPressLayout"/>).
/// Audio and video play in the browser's own players; an embed becomes its address alone in a paragraph,
/// which the article shows as a card that loads nothing until clicked (<see cref="Embeds"/>). What could
/// not be kept gets a note for the import report.
/// </summary>
public static partial class WordPressContent
{
    public sealed record Converted(string Html, IReadOnlyList<string> Notes);

    /// <summary>
    /// The article body for <paramref name="content"/>: HTML that the Markdown editor passes through
    /// untouched (one HTML block, no blank line in it), so the article renders the same after an edit.
    /// <paramref name="attachedImages"/>, when given, lists the images attached to the post in menu
    /// order: WordPress shows them for a <c>[gallery]</c> that names no images.
    /// </summary>
    public static Converted ToBody(
        string content, Func<string, WordPressImage?> findImage, Func<IReadOnlyList<WordPressImage>>? attachedImages = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(findImage);
        var notes = new List<string>();
        var kept = new List<string>();
        var attached = attachedImages is null ? null : new Lazy<IReadOnlyList<WordPressImage>>(attachedImages);
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var classic = !BlockComment().IsMatch(text);
        text = Verbatim().Replace(text, m => Keep(m, kept));
        text = PageBreak().Replace(text, "\n\n");
        text = HtmlComment().Replace(text, "");
        text = HtmlTag().Replace(text, m => m.Value.Replace('\n', ' '));
        text = WordPressLayout.StylesToClasses(text);
        text = Caption().Replace(text, m => CaptionFigure(m.Groups["attrs"].Value, m.Groups["inner"].Value));
        text = Gallery().Replace(text, m => GalleryFigures(Attributes(m.Groups["attrs"].Value), findImage, attached, notes));
        text = Cover().Replace(text, m => CoverImage(m.Value));
        text = WordPressEmbeds.Players(text, notes);
        text = WordPressEmbeds.Addresses(text, notes);
        foreach (var name in OtherShortcode().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal))
        {
            notes.Add($"shortcode [{name}] left as text");
        }
        text = AutoParagraphs(text, classic);
        text = KeptPlaceholder().Replace(text, m => int.TryParse(m.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) && n < kept.Count ? kept[n] : "");
        return new Converted(NoBlankLines(text), notes);
    }

    /// <summary>Plain text from a fragment of HTML: for excerpts and summaries.</summary>
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

    private static string CaptionFigure(string attrs, string inner)
    {
        var split = CaptionImage().Match(inner.Trim());
        var image = split.Success ? split.Groups["image"].Value : "";
        var caption = split.Success ? split.Groups["rest"].Value.Trim() : inner.Trim();
        if (caption.Length == 0 && CaptionAttribute().Match(attrs) is { Success: true } attribute)
        {
            caption = attribute.Groups["text"].Value;
        }
        // Aligned as WordPress aligns it: floated left or right, or centred.
        var align = CaptionAlignment().Match(attrs) is { Success: true } aligned ? " " + aligned.Groups["align"].Value.ToLowerInvariant() : "";
        return $"<figure class=\"wp-caption{align}\">{image}<figcaption>{caption}</figcaption></figure>";
    }

    /// <summary>
    /// A gallery as WordPress picks its images: those in <c>ids</c> in that order; those in <c>include</c>
    /// by ID (its default order, as menu order is rarely set); otherwise the images attached to the post,
    /// less those in <c>exclude</c>. <c>order="DESC"</c> reverses the last two, as it does in WordPress.
    /// </summary>
    private static string GalleryFigures(
        Dictionary<string, string> attrs, Func<string, WordPressImage?> findImage, Lazy<IReadOnlyList<WordPressImage>>? attached, List<string> notes)
    {
        var ids = Ids(attrs, "ids");
        var listed = ids.Length > 0 ? ids
            : attrs.GetValueOrDefault("orderby") == "post__in" ? Ids(attrs, "include")
            : [.. Ids(attrs, "include").OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal)];
        var descending = ids.Length == 0 && string.Equals(attrs.GetValueOrDefault("order"), "desc", StringComparison.OrdinalIgnoreCase);
        List<WordPressImage> images;
        if (listed.Length > 0)
        {
            images = [.. listed.Select(findImage).OfType<WordPressImage>()];
            if (images.Count == 0)
            {
                notes.Add($"a [gallery] of images not in the export ({string.Join(", ", listed)}) was removed");
                return "";
            }
            if (images.Count < listed.Length)
            {
                notes.Add($"a [gallery] lost {listed.Length - images.Count} of its {listed.Length} images, not in the export");
            }
        }
        else if (attrs.GetValueOrDefault("id") is { } post && post.Trim() is { Length: > 0 } and not "0")
        {
            notes.Add($"a [gallery] of the images attached to post #{post.Trim()} was removed: add them by hand");
            return "";
        }
        else
        {
            var excluded = Ids(attrs, "exclude").Select(findImage).OfType<WordPressImage>().ToHashSet();
            images = [.. (attached?.Value ?? []).Where(image => !excluded.Contains(image))];
            if (images.Count == 0)
            {
                notes.Add("a [gallery] of the post's attached images was removed: add them by hand");
                return "";
            }
        }
        if (descending)
        {
            images.Reverse();
        }
        // WordPress lays a [gallery] out in three columns unless it names another number.
        var columns = attrs.GetValueOrDefault("columns")?.Trim() is { Length: 1 } n && n[0] is >= '1' and <= '8' && n != "3" ? $" columns-{n}" : "";
        var html = new StringBuilder($"<ul class=\"gallery{columns}\">");
        foreach (var image in images)
        {
            html.Append("<li><figure><img src=\"").Append(Encode(image.Url)).Append("\" alt=\"")
                .Append(Encode(image.Alt ?? "")).Append("\">");
            if (image.Caption is { Length: > 0 } caption)
            {
                html.Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>");
            }
            html.Append("</figure></li>");
        }
        return html.Append("</ul>").ToString();
    }

    private static string[] Ids(Dictionary<string, string> attrs, string name) =>
        attrs.GetValueOrDefault(name) is { } value
            ? [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(id => id.All(char.IsAsciiDigit))]
            : [];

    /// <summary>
    /// A shortcode's attributes as WordPress reads them: <c>name="value"</c>, <c>name='value'</c> or
    /// <c>name=value</c> by lower-case name, and bare values by position ("0", "1", ...); values decoded,
    /// as the editor may have stored <c>&amp;amp;</c> for <c>&amp;</c>.
    /// </summary>
    internal static Dictionary<string, string> Attributes(string attrs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        foreach (Match m in ShortcodeAttribute().Matches(attrs.TrimEnd().TrimEnd('/')))
        {
            var name = m.Groups["name"].Success ? m.Groups["name"].Value.ToLowerInvariant() : (position++).ToString(CultureInfo.InvariantCulture);
            result.TryAdd(name, WebUtility.HtmlDecode(m.Groups["value"].Value));
        }
        return result;
    }

    /// <summary>
    /// Keeps preformatted text (and what WordPress's paragraphs leave alone: scripts, styles, SVG, MathML)
    /// out of every later step behind a placeholder of the same element, so it still counts as a block or
    /// not. The SyntaxHighlighter plugin's <c>[sourcecode]</c>, <c>[source]</c> and <c>[code]</c> become
    /// <c>&lt;pre&gt;&lt;code&gt;</c> here.
    /// </summary>
    private static string Keep(Match m, List<string> kept)
    {
        var code = m.Groups["code"].Success;
        kept.Add(code ? CodeBlock(Attributes(m.Groups["attrs"].Value), m.Groups["text"].Value) : m.Value);
        var tag = code ? "pre" : m.Groups["tag"].Value.ToLowerInvariant();
        return $"<{tag} data-kept=\"{kept.Count - 1}\"></{tag}>";
    }

    /// <summary>
    /// The plugin stores code entity-encoded when it saved the post itself, raw before that (or when
    /// written around it): code with no raw <c>&lt; &gt; "</c> and only whole entities is decoded first,
    /// so either way it is encoded exactly once.
    /// </summary>
    private static string CodeBlock(Dictionary<string, string> attrs, string code)
    {
        var language = attrs.GetValueOrDefault("language") ?? attrs.GetValueOrDefault("lang");
        var type = language is not null && LanguageName().IsMatch(language) ? $" class=\"language-{language.ToLowerInvariant()}\"" : "";
        code = code.Trim('\n');
        if (!UnencodedCode().IsMatch(code))
        {
            code = WebUtility.HtmlDecode(code);
        }
        return $"<pre><code{type}>{Encode(code)}</code></pre>";
    }

    /// <summary>A cover block's background (an inline style, which the sanitiser drops) becomes its background image element, as newer WordPress writes it.</summary>
    private static string CoverImage(string tag)
    {
        if (SafeUrl(WebUtility.HtmlDecode(BackgroundImage().Match(tag).Groups["url"].Value)) is not { } url)
        {
            return tag;
        }
        return $"{tag}<img class=\"wp-block-cover__image-background\" src=\"{Encode(url)}\" alt=\"\">";
    }

    /// <summary>An address to link to or show: http(s), protocol-relative or relative to the old site; no other scheme (<c>javascript:</c>, <c>data:</c>).</summary>
    internal static string? SafeUrl(string? decoded)
    {
        var url = decoded?.Trim() ?? "";
        return url.Length == 0 || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || (Scheme().IsMatch(url) && !WebScheme().IsMatch(url))
            ? null
            : url;
    }

    internal static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// WordPress's <c>wpautop</c> rules: every block-level opening tag starts a chunk and every closing
    /// one ends it (a <c>&lt;figcaption&gt;</c> stays with its figure), blank lines and runs of
    /// <c>&lt;br&gt;</c> end chunks too, and each chunk is then a <see cref="Paragraph"/> or not, on a
    /// line of its own. WordPress runs no <c>wpautop</c> on content with blocks, which gets only what
    /// the Markdown editor needs: paragraphs around loose text.
    /// </summary>
    private static string AutoParagraphs(string text, bool classic)
    {
        if (classic)
        {
            text = LineBreakRun().Replace(text, "\n\n");
        }
        text = BlockOpening().Replace(text, "\n\n$0");
        text = BlockClosing().Replace(text, "$0\n\n");
        text = AroundFigureCaption().Replace(text, "$1");
        var html = new StringBuilder();
        foreach (var chunk in ParagraphSplit().Split(text).Select(chunk => Paragraph(chunk.Trim(), classic)).Where(chunk => chunk.Length > 0))
        {
            // What the sanitiser removes whole (a script after a paragraph) stays on the line before, leaving no empty line behind.
            if (html.Length > 0 && Unseen().Replace(chunk, "").Length > 0)
            {
                html.Append('\n');
            }
            html.Append(chunk);
        }
        return html.ToString();
    }

    /// <summary>
    /// One chunk: at most a block opening tag, inline content, and a block closing tag. As with
    /// <c>wpautop</c> (as browsers read what it writes), loose text becomes a paragraph, and so does text
    /// that ends an element (<c>Last.&lt;/div&gt;</c>) and any text in a quote; text that starts or is a
    /// whole element (<c>&lt;li&gt;</c>, <c>&lt;h2&gt;</c>) stays as it is. A paragraph cut by a blank line
    /// or a block is closed and reopened around each part. In classic content a line break in the text
    /// becomes <c>&lt;br&gt;</c>; content with blocks only gets paragraphs around loose text and where
    /// a paragraph was cut.
    /// </summary>
    private static string Paragraph(string chunk, bool classic)
    {
        var open = LeadingBlockTag().Match(chunk);
        var close = TrailingBlockTag().Match(chunk, open.Length);
        var openName = open.Success ? open.Groups["name"].Value.ToLowerInvariant() : "";
        var closeName = close.Success ? close.Groups["name"].Value.ToLowerInvariant() : "";
        var start = open.Value;
        var end = close.Success ? close.Value : "";
        var inner = chunk[open.Length..(close.Success ? close.Index : chunk.Length)].Trim();
        if (Unseen().Replace(inner, "").Trim().Length == 0)
        {
            // Nothing to read (a script, a drawing): no paragraph, which would be left empty once they are sanitised away.
            return (openName == "p" ? "" : start) + inner + (closeName == "p" ? "" : end);
        }
        if (classic)
        {
            inner = NewLine().Replace(inner, "<br>\n");
        }
        var paragraph = !AnyBlockTag().IsMatch(inner) && (openName == "p" || closeName == "p"
            || (!open.Success && (classic || !close.Success)) || (classic && openName == "blockquote"));
        if (!paragraph)
        {
            return start + inner + end;
        }
        // Block tags on lines of their own, as the next import of this (exported) HTML will put them.
        var before = openName == "p" ? start : start.Length > 0 ? start + "\n<p>" : "<p>";
        var after = closeName == "p" ? end : end.Length > 0 ? "</p>\n" + end : "</p>";
        return before + inner + after;
    }

    /// <summary>
    /// A blank line ends an HTML block in CommonMark, and what follows would be read as Markdown: each
    /// blank line becomes a line holding <c>&amp;#10;</c>, the same newline as a character reference.
    /// </summary>
    private static string NoBlankLines(string html) => BlankLine().Replace(html, "\n$1&#10;");

    /// <summary>The block-level elements of <c>wpautop</c>, but <c>figcaption</c>: a caption stays with its figure.</summary>
    private const string Blocks = "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|details|menu|summary";

    [GeneratedRegex(@"<!--\s*/?wp:", RegexOptions.CultureInvariant)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"(?<!\[)\[(?<code>sourcecode|source|code)(?=[\s\]])(?<attrs>[^\]]*)\](?<text>.*?)\[/\k<code>\]|<(?<tag>pre|script|style|svg|math)(?=[\s/>]).*?</\k<tag>\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Verbatim();

    [GeneratedRegex(@"<(?<tag>pre|script|style|svg|math) data-kept=""(?<n>\d+)""></\k<tag>>")]
    private static partial Regex KeptPlaceholder();

    [GeneratedRegex(@"<(?<tag>script|style|svg|math) data-kept=""\d+""></\k<tag>>")]
    private static partial Regex Unseen();

    [GeneratedRegex(@"<!--\s*(?:more|nextpage)\b.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PageBreak();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"</?[a-zA-Z][^<>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\[(?<tag>caption|wp_caption)(?<attrs>[^\]]*)\](?<inner>.*?)\[/\k<tag>\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(?<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?<rest>.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionImage();

    [GeneratedRegex(@"\bcaption\s*=\s*""(?<text>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAttribute();

    [GeneratedRegex(@"\balign\s*=\s*[""']?(?<align>align(?:left|right|center))\b", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAlignment();

    [GeneratedRegex(@"(?<!\[)\[gallery(?=[\s\]/])(?<attrs>[^\]]*)\](?!\])", RegexOptions.IgnoreCase)]
    private static partial Regex Gallery();

    [GeneratedRegex(@"(?<name>[\w-]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""']+))(?=\s|$)|""(?<value>[^""]*)""(?=\s|$)|'(?<value>[^']*)'(?=\s|$)|(?<value>\S+)")]
    private static partial Regex ShortcodeAttribute();

    [GeneratedRegex(@"^[a-z0-9_+#-]{1,30}$", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageName();

    [GeneratedRegex(@"[<>""]|&(?!(?:[a-z][a-z0-9]*|#[0-9]+|#x[0-9a-f]+);)", RegexOptions.IgnoreCase)]
    private static partial Regex UnencodedCode();

    [GeneratedRegex(@"<(?:div|section)(?=[^>]*\bclass\s*=\s*[""'][^""']*\bwp-block-cover\b)(?=[^>]*background-image)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Cover();

    [GeneratedRegex(@"background-image\s*:\s*url\(\s*(?<quote>&quot;|&#0?39;|[""']?)(?<url>.*?)\k<quote>\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex BackgroundImage();

    [GeneratedRegex(@"^https?://[^\s<>""]+$", RegexOptions.IgnoreCase)]
    internal static partial Regex WebAddress();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^https?:", RegexOptions.IgnoreCase)]
    private static partial Regex WebScheme();

    [GeneratedRegex(@"(?<!\[)\[(?<name>[a-z][a-z0-9_-]*)(?:\s[^\]]*)?/?\](?:.*?\[/\k<name>\])?", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OtherShortcode();

    [GeneratedRegex(@"(?:<br\s*/?>\s*){2,}", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakRun();

    [GeneratedRegex("<(?:" + Blocks + @")(?=[\s/>])", RegexOptions.IgnoreCase)]
    private static partial Regex BlockOpening();

    [GeneratedRegex("</(?:" + Blocks + @")\s*>|<hr\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockClosing();

    [GeneratedRegex(@"\s*(</?figcaption\b[^>]*>)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AroundFigureCaption();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphSplit();

    [GeneratedRegex("^<(?<name>" + Blocks + @"|figcaption)(?=[\s/>])[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingBlockTag();

    [GeneratedRegex("</(?<name>" + Blocks + @"|figcaption)\s*>$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingBlockTag();

    [GeneratedRegex("</?(?:" + Blocks + @"|figcaption)(?=[\s/>])", RegexOptions.IgnoreCase)]
    private static partial Regex AnyBlockTag();

    [GeneratedRegex(@"(?<!<br\s*/?>\s*)[ \t]*\n", RegexOptions.IgnoreCase)]
    private static partial Regex NewLine();

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

}
