using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Xml;
using AngleSharp.Html.Parser;

namespace Gazette.Features.Syndication;

/// <summary>Text and HTML made fit for a feed, which is read far from the site.</summary>
public static class FeedText
{
    private static readonly HtmlParser Parser = new();

    private static readonly string[] UrlAttributes = ["href", "src", "poster", "cite"];

    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'");

    /// <summary>
    /// <paramref name="text"/> without the characters XML 1.0 cannot carry (most control characters,
    /// lone surrogates): a title pasted with one must not make the whole feed unreadable, or a 500.
    /// </summary>
    public static string ForXml(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
            if (!pair && !XmlConvert.IsXmlChar(text[i]))
            {
                clean ??= new StringBuilder(text.Length).Append(text, 0, i);
                continue;
            }
            clean?.Append(text, i, pair ? 2 : 1);
            i += pair ? 1 : 0;
        }
        return clean?.ToString() ?? text;
    }

    /// <summary>
    /// Plain text as the HTML that shows exactly those characters, for the fields a feed reader
    /// renders as HTML: RSS's title and description (which the RSS Advisory Board's examples show
    /// entity-encoded twice, and WordPress writes through <c>esc_html</c>), its extensions without a
    /// type (<c>dc:creator</c>, <c>category</c>, <c>media:credit</c>), and Atom's and Media RSS's
    /// fields written as <c>type="html"</c>. Quotes are encoded too, as <c>esc_html</c> does, for a
    /// reader that puts the text in an attribute. Characters XML cannot carry are dropped first
    /// (<see cref="ForXml"/>).
    /// </summary>
    public static string AsHtml(string? text)
    {
        var xml = ForXml(text);
        if (xml.AsSpan().IndexOfAny(HtmlSpecial) < 0)
        {
            return xml;
        }
        var html = new StringBuilder(xml.Length + 16);
        foreach (var c in xml)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ => html.Append(c),
            };
        }
        return html.ToString();
    }

    /// <summary>
    /// <paramref name="html"/> with every link and image address made absolute against
    /// <paramref name="pageUrl"/>: a feed reader has no page to resolve <c>/media/…</c> or
    /// <c>#fn1</c> against (RSS has no base URL at all).
    /// </summary>
    public static string WithAbsoluteUrls(string html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }
        using var document = Parser.ParseDocument("<!DOCTYPE html><body>" + html);
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            foreach (var name in UrlAttributes)
            {
                if (element.GetAttribute(name) is { } value && Absolute(value, pageUrl) is { } absolute && absolute != value)
                {
                    element.SetAttribute(name, absolute);
                }
            }
            if (element.GetAttribute("srcset") is { } srcset)
            {
                element.SetAttribute("srcset", string.Join(", ", srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(candidate => candidate.Split(' ', 2) is [var url, .. var rest]
                        ? string.Join(' ', rest.Prepend(Absolute(url, pageUrl) ?? url))
                        : candidate)));
            }
        }
        return document.Body.InnerHtml;
    }

    /// <summary>The featured image as a figure with its caption and credit, for the top of an entry's HTML.</summary>
    public static string Figure(FeedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var html = new StringBuilder("<figure><img src=\"").Append(HtmlEncoder.Default.Encode(image.Url)).Append("\" alt=\"")
            .Append(HtmlEncoder.Default.Encode(image.Alt ?? "")).Append('"');
        if (image is { Width: { } width, Height: { } height })
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $" width=\"{width}\" height=\"{height}\"");
        }
        html.Append('>');
        var caption = string.Join(" ", new[]
        {
            string.IsNullOrWhiteSpace(image.Caption) ? null : HtmlEncoder.Default.Encode(image.Caption),
            string.IsNullOrWhiteSpace(image.Credit) ? null : "<small>Image source: " + HtmlEncoder.Default.Encode(image.Credit) + "</small>",
        }.OfType<string>());
        if (caption.Length > 0)
        {
            html.Append("<figcaption>").Append(caption).Append("</figcaption>");
        }
        return html.Append("</figure>").ToString();
    }

    /// <summary>
    /// An address as a reader elsewhere needs it: absolute and percent-encoded. Null for what
    /// cannot be an address. (On Linux a path like <c>/media/a.jpg</c> parses as an absolute
    /// file URI, so a leading slash always means "on this site".)
    /// </summary>
    public static string? Absolute(string address, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.StartsWith('/') && Uri.TryCreate(address, UriKind.Absolute, out var absolute))
        {
            return absolute.IsFile ? null : address;
        }
        return Uri.TryCreate(baseUrl, address, out var resolved) ? resolved.AbsoluteUri : null;
    }
}
