using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Gazette.Features.Articles;

/// <summary>
/// A video or social post's address alone on its line becomes a card, as in WordPress and Ghost, but
/// private first: nothing is loaded from the other site until the reader asks. A video's card plays
/// it in place when clicked (<c>js/embeds.js</c> puts in the player, from YouTube's no-cookie
/// domain or Vimeo's with do-not-track), and is a plain link to it without scripts; a post's card is
/// a link to the post, as their embeds need the other site's scripts.
/// </summary>
public static partial class Embeds
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Where players may be loaded from: the site's content security policy allows these frames only.</summary>
    public static readonly IReadOnlyList<string> PlayerOrigins = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

    private sealed record Found(string Provider, string Kind, string? Player);

    /// <summary>The body's HTML (already sanitised) with each paragraph that is only a known address turned into a card.</summary>
    public static string Apply(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!KnownHost().IsMatch(html))
        {
            return html;
        }
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        var body = document.Body!;
        var changed = false;
        foreach (var paragraph in body.Children.Where(e => e.LocalName == "p").ToList())
        {
            if (paragraph.Children is not [IElement { LocalName: "a" } link] || paragraph.TextContent.Trim() != link.TextContent.Trim()
                || link.GetAttribute("href") is not { } href || href != link.TextContent.Trim()
                || !Uri.TryCreate(href, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps
                || Recognise(address) is not { } found)
            {
                continue;
            }
            paragraph.Replace(Card(document, address, found));
            changed = true;
        }
        return changed ? body.InnerHtml : html;
    }

    private static IElement Card(IDocument document, Uri address, Found found)
    {
        var figure = document.CreateElement("figure");
        figure.ClassList.Add("embed", "embed-" + found.Kind);
        if (found.Player is { } player)
        {
            figure.SetAttribute("data-embed-src", player);
            figure.SetAttribute("data-embed-title", $"{found.Provider} video");
        }
        var link = document.CreateElement("a");
        link.ClassList.Add("embed-link");
        link.SetAttribute("href", address.AbsoluteUri);
        link.SetAttribute("rel", "noopener nofollow");
        var provider = document.CreateElement("span");
        provider.ClassList.Add("embed-provider");
        provider.TextContent = found.Provider;
        var action = document.CreateElement("span");
        action.ClassList.Add("embed-action");
        action.TextContent = found.Player is null ? $"View the post on {found.Provider}" : $"Play the video (it loads from {found.Provider})";
        var where = document.CreateElement("span");
        where.ClassList.Add("embed-address");
        where.TextContent = address.Host + address.AbsolutePath;
        link.Append(provider, action, where);
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
                return new Found("YouTube", "video", $"https://www.youtube-nocookie.com/embed/{id}?autoplay=1");
            case "youtube.com" when path.StartsWith("/shorts/", StringComparison.Ordinal) && path[8..] is var shortId && VideoId().IsMatch(shortId):
                return new Found("YouTube", "video", $"https://www.youtube-nocookie.com/embed/{shortId}?autoplay=1");
            case "youtu.be" when path.TrimStart('/') is var id && VideoId().IsMatch(id):
                return new Found("YouTube", "video", $"https://www.youtube-nocookie.com/embed/{id}?autoplay=1");
            case "vimeo.com" when path.TrimStart('/') is var id && id.All(char.IsAsciiDigit) && id.Length is > 0 and < 15:
                return new Found("Vimeo", "video", $"https://player.vimeo.com/video/{id}?dnt=1&autoplay=1");
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

    private static string? Query(Uri address, string key) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.Query).TryGetValue(key, out var values) ? values.ToString() : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{6,20}$")]
    private static partial Regex VideoId();

    [GeneratedRegex(@"youtu|vimeo\.com|x\.com|twitter\.com|instagram\.com|facebook\.com|wordpress\.tv", RegexOptions.IgnoreCase)]
    private static partial Regex KnownHost();
}
