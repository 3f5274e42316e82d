using System.Net;
using System.Text.RegularExpressions;
using Gazette.Features.Articles;

namespace Gazette.Features.WordPress;

/// <summary>
/// Audio, video and embeds in WordPress content, for <see cref="WordPressContent"/>. Players (the block
/// editor's <c>&lt;audio&gt;</c> and <c>&lt;video&gt;</c>, the <c>[audio]</c> and <c>[video]</c> shortcodes)
/// stay players when their file can play here; an embed (<c>[embed]</c>, a block, a pasted frame, a URL
/// alone on its line) becomes its address alone in a paragraph, which the article shows as a card that
/// loads nothing until clicked, or as a player for a sound or video file (<see cref="Articles.Embeds"/>).
/// </summary>
internal static partial class WordPressEmbeds
{
    /// <summary><paramref name="text"/> with its players kept or made from shortcodes.</summary>
    public static string Players(string text, List<string> notes)
    {
        text = MediaShortcode().Replace(text, m => MediaShortcodePlayer(m.Groups["kind"].Value.ToLowerInvariant(), WordPressContent.Attributes(m.Groups["attrs"].Value), notes));
        return MediaElement().Replace(text, m => MediaElementPlayer(m, notes));
    }

    /// <summary><paramref name="text"/> with each embed as its address alone in a paragraph (with its caption, if it has one).</summary>
    public static string Addresses(string text, List<string> notes)
    {
        text = Frame().Replace(text, m => FrameLink(m, notes));
        text = OwnCard().Replace(text, OwnCardLink);
        text = EmbedFigure().Replace(text, m => EmbedFigureLink(m, notes));
        text = Embed().Replace(text, m => EmbedLink(m.Groups["url"].Value, notes));
        return StandaloneUrl().Replace(text, m => EmbedLink(m.Groups["url"].Value, notes));
    }

    private static readonly string[] AudioSources = ["src", "mp3", "m4a", "ogg", "wav", "wma", "flac"];

    private static readonly string[] VideoSources = ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"];

    /// <summary><c>[audio]</c> and <c>[video]</c>: a player of the file (its <c>src</c>, a format attribute or a bare URL).</summary>
    private static string MediaShortcodePlayer(string kind, Dictionary<string, string> attrs, List<string> notes)
    {
        var url = (kind == "audio" ? AudioSources : VideoSources).Select(name => WordPressContent.SafeUrl(attrs.GetValueOrDefault(name))).FirstOrDefault(url => url is not null)
            ?? (attrs.GetValueOrDefault("0") is { } bare && WordPressContent.WebAddress().IsMatch(bare) ? bare : null);
        if (url is null)
        {
            notes.Add($"{(kind == "audio" ? "an" : "a")} [{kind}] without a file address (WordPress plays the post's attached {kind}) was removed: add it by hand");
            return "";
        }
        if (Embeds.LabelOf(url) is not null)
        {
            // WordPress plays a YouTube or Vimeo address in [video] through their player: here, their card.
            return LinkParagraph(url);
        }
        if (PlayableUrl(url) is not { } playable)
        {
            return MediaLink(kind, url, notes);
        }
        var poster = kind == "video" && WordPressContent.SafeUrl(attrs.GetValueOrDefault("poster")) is { } image ? $" poster=\"{WordPressContent.Encode(image)}\"" : "";
        var loop = attrs.GetValueOrDefault("loop") is "on" or "1" or "true" ? " loop" : "";
        return $"<figure class=\"wp-block-{kind}\"><{kind} controls src=\"{WordPressContent.Encode(playable)}\"{poster}{loop}><a href=\"{WordPressContent.Encode(playable)}\">{WordPressContent.Encode(playable)}</a></{kind}></figure>";
    }

    /// <summary>
    /// An <c>&lt;audio&gt;</c> or <c>&lt;video&gt;</c> element (the block editor's) is kept, on one line, when
    /// its file (its <c>src</c> or first <c>&lt;source&gt;</c>) can play here; otherwise it becomes a link to it.
    /// </summary>
    private static string MediaElementPlayer(Match m, List<string> notes)
    {
        var kind = m.Groups["kind"].Value.ToLowerInvariant();
        var src = Source().Match(m.Groups["attrs"].Value) is { Success: true } attribute ? attribute : SourceElement().Match(m.Groups["inner"].Value);
        var url = WordPressContent.SafeUrl(WebUtility.HtmlDecode(src.Groups["url"].Value));
        if (url is null)
        {
            notes.Add($"an {kind} player without a file address was removed");
            return "";
        }
        return PlayableUrl(url) == url ? BetweenTags().Replace(m.Value, "><") : MediaLink(kind, url, notes);
    }

    /// <summary>
    /// A file a player here may fetch: on this site, or on another over https (the CSP's media-src);
    /// a protocol-relative address is taken as https. Null for an http address, which stays a link.
    /// </summary>
    private static string? PlayableUrl(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url
        : url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || Embeds.IsThisSite(url) ? url
        : null;

    /// <summary>
    /// An <c>&lt;iframe&gt;</c> pasted into the content (a map, a video player): a link to what it showed,
    /// since the sanitiser would drop it without a trace and the frame would load a third party's page.
    /// </summary>
    private static string FrameLink(Match m, List<string> notes)
    {
        var url = WebUtility.HtmlDecode(Source().Match(m.Groups["attrs"].Value).Groups["url"].Value).Trim();
        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            url = "https:" + url;
        }
        if (!WordPressContent.WebAddress().IsMatch(url))
        {
            notes.Add("an embedded frame without a web address was removed");
            return "";
        }
        return EmbedLink(url, notes);
    }

    private static string MediaLink(string kind, string url, List<string> notes)
    {
        notes.Add($"{(kind == "audio" ? "an audio" : "a video")} player for {url} is kept as a link to the file (players here take https or this site's files only)");
        return LinkParagraph(url);
    }

    /// <summary>
    /// A card this site made of an embed (in an export of it, imported again): the address it showed, with
    /// its title as the caption unless that was only the card's label, so it renders as the same card.
    /// </summary>
    private static string OwnCardLink(Match m)
    {
        var url = WebUtility.HtmlDecode(m.Groups["url"].Value).Trim();
        var title = WebUtility.HtmlDecode(m.Groups["title"].Value).Trim();
        if (!WordPressContent.WebAddress().IsMatch(url))
        {
            return m.Value;
        }
        return title.Length == 0 || title == Embeds.LabelOf(url)
            ? LinkParagraph(url)
            : $"<figure class=\"wp-block-embed\">{LinkParagraph(url)}<figcaption>{WordPressContent.Encode(title)}</figcaption></figure>";
    }

    /// <summary>A block-editor embed: its URL as a link, with its caption if it has one.</summary>
    private static string EmbedFigureLink(Match m, List<string> notes)
    {
        var url = EmbedWrapper().Match(m.Groups["inner"].Value).Groups["url"].Value;
        if (!WordPressContent.WebAddress().IsMatch(WebUtility.HtmlDecode(url).Trim()))
        {
            return m.Value;
        }
        var link = EmbedLink(url, notes);
        return FigureCaption().Match(m.Groups["inner"].Value) is { Success: true } caption
            ? $"<figure class=\"wp-block-embed\">{link}{caption.Value}</figure>"
            : link;
    }

    /// <summary>
    /// An embed (<c>[embed]</c>, a block, or a URL alone on its line or in its paragraph, which WordPress
    /// embeds when it knows the site) as its address alone in a paragraph: the article shows a card for a
    /// site it knows (loading nothing until clicked) and a player for a sound or video file; any other
    /// stays a link, as the player would load the third party's page.
    /// </summary>
    private static string EmbedLink(string raw, List<string> notes)
    {
        var url = WebUtility.HtmlDecode(raw).Trim();
        if (!WordPressContent.WebAddress().IsMatch(url))
        {
            return $"<p>{WordPressContent.Encode(url)}</p>";
        }
        if (Embeds.IsMediaFile(url) && PlayableUrl(url) is null)
        {
            notes.Add($"a player for {url} is kept as a link to the file (players here take https or this site's files only)");
        }
        else if (Embeds.LabelOf(url) is null && !Embeds.IsMediaFile(url))
        {
            notes.Add($"an embed of {url} is kept as a link");
        }
        return LinkParagraph(url);
    }

    private static string LinkParagraph(string url) => $"<p><a href=\"{WordPressContent.Encode(url)}\">{WordPressContent.Encode(url)}</a></p>";

    [GeneratedRegex(@"(?<!\[)\[(?<kind>audio|video)(?=[\s\]/])(?<attrs>[^\]]*)\](?:.*?\[/\k<kind>\])?", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex MediaShortcode();

    [GeneratedRegex(@"<(?<kind>audio|video)(?=[\s/>])(?<attrs>[^>]*)>(?<inner>.*?)</\k<kind>\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex MediaElement();

    [GeneratedRegex(@"<iframe(?=[\s/>])(?<attrs>[^>]*)>(?:.*?</iframe\s*>)?", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Frame();

    [GeneratedRegex(@"(?<![\w-])src\s*=\s*(?:""(?<url>[^""]*)""|'(?<url>[^']*)'|(?<url>[^\s""'>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Source();

    [GeneratedRegex(@"<source\b[^>]*?(?<![\w-])src\s*=\s*(?:""(?<url>[^""]*)""|'(?<url>[^']*)'|(?<url>[^\s""'>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex SourceElement();

    [GeneratedRegex(@"<figure(?=[^>]*\bclass\s*=\s*""embed\b)[^>]*>\s*<a(?=[^>]*\bclass\s*=\s*""embed-link"")[^>]*?\bhref\s*=\s*""(?<url>[^""]*)""[^>]*>(?:(?!</figure).)*?<span class=""embed-title"">(?<title>[^<]*)</span>(?:(?!</figure).)*?</a>\s*</figure\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OwnCard();

    [GeneratedRegex(@"<figure(?=[^>]*\bclass\s*=\s*[""'][^""']*\bwp-block-embed\b)[^>]*>(?<inner>.*?)</figure\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex EmbedFigure();

    [GeneratedRegex(@"<div[^>]*\bwp-block-embed__wrapper\b[^>]*>(?<url>[^<]*)</div\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex EmbedWrapper();

    [GeneratedRegex(@"<figcaption\b.*?</figcaption\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FigureCaption();

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>.*?)\[/embed\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Embed();

    [GeneratedRegex(@"<p(?:\s[^>]*)?>\s*(?<url>https?://[^\s<>""]+)\s*</p>|^[ \t]*(?<url>https?://[^\s<>""]+)[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex StandaloneUrl();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();
}
