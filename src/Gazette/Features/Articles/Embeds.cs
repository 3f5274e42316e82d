using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Gazette.Features.Articles;

/// <summary>
/// A video or social post's address alone on its line becomes a card, as in WordPress and Ghost, but
/// private first: nothing is loaded from the other site until the reader asks. A video's card plays
/// it in place when clicked (<c>js/embeds.js</c> puts in the player, from YouTube's no-cookie
/// domain or Vimeo's with do-not-track), and is a plain link to it without scripts; a post's card is
/// a link to the post, as their embeds need the other site's scripts. A WordPress embed block's
/// caption is its card's title. A sound or video file's address alone on its line becomes the
/// browser's own player, which fetches nothing until the reader presses play.
/// </summary>
public static partial class Embeds
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Where players may be loaded from: the site's content security policy allows these frames only.</summary>
    public static readonly IReadOnlyList<string> PlayerOrigins = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

    private sealed record Found(string Provider, string Kind, string? Player);

    /// <summary>
    /// The body's HTML (already sanitised) with each paragraph that is only a known address, and each
    /// WordPress embed block of one, turned into a card; and each that is only a sound or video file into a player.
    /// </summary>
    public static string Apply(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!KnownHost().IsMatch(html) && !MediaFile().IsMatch(html))
        {
            return html;
        }
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        var body = document.Body!;
        var changed = false;
        foreach (var block in body.QuerySelectorAll("p, figure.wp-block-embed").ToList())
        {
            if (block.LocalName == "p" && block.ParentElement is { } parent && parent != body && parent.LocalName != "div")
            {
                // A link alone in a quote, a list item or a table cell stays a link, as in WordPress.
                continue;
            }
            var caption = block.LocalName == "figure" ? block.QuerySelector("figcaption") : null;
            if (AddressAlone(block, caption) is not { } href)
            {
                continue;
            }
            IElement? replacement = null;
            if (MediaFile().IsMatch(href) && (IsThisSite(href) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                replacement = block.LocalName == "p" ? MediaPlayer(document, href) : null;
            }
            else if (Uri.TryCreate(href, UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps && Recognise(address) is { } found)
            {
                replacement = Card(document, address, found, OneLine(caption?.TextContent));
            }
            if (replacement is not null)
            {
                block.Replace(replacement);
                changed = true;
            }
        }
        return changed ? body.InnerHtml : html;
    }

    /// <summary>The title a card for <paramref name="url"/> shows when no caption names it ("Video on YouTube"); null if it would stay a link.</summary>
    public static string? LabelOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps && Recognise(address) is { } found ? Label(found) : null;

    private static string Label(Found found) => $"{(found.Player is null ? "Post" : "Video")} on {found.Provider}";

    /// <summary>Whether <paramref name="url"/> is a sound or video file the body plays in the browser's own player.</summary>
    public static bool IsMediaFile(string url) => MediaFile().IsMatch(url ?? "");

    /// <summary>
    /// An address on this site: a path, not another site's address or a protocol-relative one (which
    /// browsers also read in <c>\\host</c> and <c>/\\host</c>).
    /// </summary>
    public static bool IsThisSite(string url) =>
        url is { Length: > 0 } && !Scheme().IsMatch(url) && !OtherHost().IsMatch(url);

    /// <summary>The address of the one link that is all <paramref name="block"/> says (its caption apart).</summary>
    private static string? AddressAlone(IElement block, IElement? caption)
    {
        var links = block.QuerySelectorAll("a").Where(a => caption is null || !caption.Contains(a)).ToList();
        if (links is not [var link] || link.GetAttribute("href") is not { } href || href != link.TextContent.Trim())
        {
            return null;
        }
        var text = block.TextContent;
        if (caption is not null)
        {
            text = text.Replace(caption.TextContent, "", StringComparison.Ordinal);
        }
        return text.Trim() == href && block.QuerySelector("img, audio, video, iframe") is null ? href : null;
    }

    private static IElement MediaPlayer(IDocument document, string href)
    {
        var kind = AudioFile().IsMatch(href) ? "audio" : "video";
        var figure = document.CreateElement("figure");
        figure.ClassList.Add("wp-block-" + kind);
        var player = document.CreateElement(kind);
        player.SetAttribute("controls", "");
        player.SetAttribute("preload", IsThisSite(href) ? "metadata" : "none");
        player.SetAttribute("src", href);
        // For a reader (or a feed reader) whose browser plays no such file.
        var fallback = document.CreateElement("a");
        fallback.SetAttribute("href", href);
        fallback.TextContent = href;
        player.Append(fallback);
        figure.Append(player);
        return figure;
    }

    private static IElement Card(IDocument document, Uri address, Found found, string? caption)
    {
        var video = found.Player is not null;
        var title = caption is { Length: > 0 } ? caption : Label(found);
        var figure = document.CreateElement("figure");
        figure.ClassList.Add("embed", "embed-" + found.Kind);
        if (found.Player is { } player)
        {
            figure.SetAttribute("data-embed-src", player);
            figure.SetAttribute("data-embed-title", caption is { Length: > 0 } ? $"{caption} ({found.Provider} video)" : $"{found.Provider} video");
        }
        var link = document.CreateElement("a");
        link.ClassList.Add("embed-link");
        link.SetAttribute("href", address.AbsoluteUri);
        link.SetAttribute("rel", "noopener nofollow");
        var provider = document.CreateElement("span");
        provider.ClassList.Add("embed-provider");
        provider.TextContent = found.Provider;
        var heading = document.CreateElement("span");
        heading.ClassList.Add("embed-title");
        heading.TextContent = title;
        var action = document.CreateElement("span");
        action.ClassList.Add("embed-action");
        action.TextContent = video ? $"Play the video (it loads from {found.Provider})" : $"View the post on {found.Provider}";
        var where = document.CreateElement("span");
        where.ClassList.Add("embed-address");
        where.TextContent = address.Host + address.AbsolutePath;
        link.Append(provider, heading, action, where);
        figure.Append(link);
        return figure;
    }

    private static Found? Recognise(Uri address)
    {
        var host = address.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host.StartsWith("m.", StringComparison.Ordinal) ? host[2..] : host;
        var path = address.AbsolutePath;
        switch (host)
        {
            case "youtube.com" when path == "/watch" && Query(address, "v") is { } id && VideoId().IsMatch(id):
                return YouTube(id);
            case "youtube.com" or "youtube-nocookie.com" when YouTubePath().Match(path) is { Success: true } match:
                return YouTube(match.Groups["id"].Value);
            case "youtu.be" when path.TrimStart('/') is var id && VideoId().IsMatch(id):
                return YouTube(id);
            case "vimeo.com" or "player.vimeo.com" when VimeoPath().Match(path) is { Success: true } match:
                return new Found("Vimeo", "video", $"https://player.vimeo.com/video/{match.Groups["id"].Value}?dnt=1&autoplay=1");
            case "x.com" or "twitter.com" when path.Contains("/status/", StringComparison.Ordinal):
                return new Found("X", "post", null);
            case "instagram.com" when path.StartsWith("/p/", StringComparison.Ordinal) || path.StartsWith("/reel/", StringComparison.Ordinal):
                return new Found("Instagram", "post", null);
            case "facebook.com" when path.Contains("/posts/", StringComparison.Ordinal) || path.Contains("/videos/", StringComparison.Ordinal):
                return new Found("Facebook", "post", null);
            case "wordpress.tv" when path.Length > 1:
                return new Found("WordPress.tv", "post", null);
            default:
                return null;
        }
    }

    private static Found YouTube(string id) => new("YouTube", "video", $"https://www.youtube-nocookie.com/embed/{id}?autoplay=1");

    private static string? Query(Uri address, string key) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.Query).TryGetValue(key, out var values) ? values.ToString() : null;

    private static string? OneLine(string? text) =>
        text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("^[A-Za-z0-9_-]{6,20}$")]
    private static partial Regex VideoId();

    [GeneratedRegex("^/(?:shorts|embed|live)/(?<id>[A-Za-z0-9_-]{6,20})/?$")]
    private static partial Regex YouTubePath();

    [GeneratedRegex("^/(?:video/|channels/[A-Za-z0-9_-]+/)?(?<id>[0-9]{1,14})/?$")]
    private static partial Regex VimeoPath();

    [GeneratedRegex(@"youtu|vimeo\.com|x\.com|twitter\.com|instagram\.com|facebook\.com|wordpress\.tv", RegexOptions.IgnoreCase)]
    private static partial Regex KnownHost();

    /// <summary>The files browsers play, as WordPress's <c>[audio]</c> and <c>[video]</c> take them, by the end of their path.</summary>
    [GeneratedRegex(@"\.(?:mp3|m4a|ogg|oga|opus|wav|flac|mp4|m4v|webm|ogv|mov)(?=$|[?#""])", RegexOptions.IgnoreCase)]
    private static partial Regex MediaFile();

    [GeneratedRegex(@"\.(?:mp3|m4a|ogg|oga|opus|wav|flac)(?=$|[?#])", RegexOptions.IgnoreCase)]
    private static partial Regex AudioFile();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^\s*[/\\]{2}|^\s*\\")]
    private static partial Regex OtherHost();
}
