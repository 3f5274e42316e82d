using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace Gazette.Features.Articles;

/// <summary>Turns an article's Markdown into the HTML readers see, sanitised.</summary>
public sealed class MarkdownRenderer
{
    /// <summary>CommonMark with tables, footnotes, figures, task lists, heading ids and the other extensions.</summary>
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>
    /// Sanitised first; then a video or post address alone on its line becomes a card, and a sound or
    /// video file's a player (<see cref="Embeds"/>).
    /// </summary>
    public string ToHtml(string markdown) => Embeds.Apply(_sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Heading anchors and footnote links from Markdig.
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedSchemes.Add("mailto");
        // Only the classes the site styles (BodyClasses): WordPress's block layouts and Markdown's own.
        foreach (var name in BodyClasses.Names)
        {
            sanitizer.AllowedClasses.Add(name);
        }
        sanitizer.RemovingCssClass += (_, e) => e.Cancel = BodyClasses.IsAllowed(e.CssClass);
        // Sound and video files play in the browser's own players; the source is a web or site address
        // (the sanitiser's schemes), never a script or data URL, and nothing starts by itself.
        foreach (var tag in (string[])["audio", "video", "source", "track"])
        {
            sanitizer.AllowedTags.Add(tag);
        }
        foreach (var attribute in (string[])["controls", "preload", "loop", "muted", "playsinline", "poster", "kind", "srclang", "default"])
        {
            sanitizer.AllowedAttributes.Add(attribute);
        }
        sanitizer.UriAttributes.Add("poster");
        // The site's CSP allows no inline style, so a table column's alignment (the one style
        // Markdown writes) becomes a class, and no other style survives.
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedCssProperties.Add("text-align");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }
            if (element.GetAttribute("style") is { } style)
            {
                var align = style.Split(':', 2) is [_, var value] ? value.Trim().TrimEnd(';').Trim() : "";
                if (align is "left" or "right" or "center")
                {
                    element.ClassList.Add("align-" + align);
                }
                element.RemoveAttribute("style");
            }
            if (element.LocalName is "audio" or "video")
            {
                Player(element);
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// A player always shows its controls and never plays by itself; it fetches nothing from another
    /// site before the reader presses play (<c>preload="none"</c>), and only a file's length and first
    /// frame from this one.
    /// </summary>
    private static void Player(IElement player)
    {
        player.RemoveAttribute("autoplay");
        player.SetAttribute("controls", "");
        var sources = player.Children.Where(c => c.LocalName == "source").Select(s => s.GetAttribute("src"))
            .Prepend(player.GetAttribute("src")).OfType<string>();
        player.SetAttribute("preload", sources.All(Embeds.IsThisSite) ? "metadata" : "none");
        // Pictures from elsewhere must be https (the CSP's img-src).
        if (player.GetAttribute("poster") is { } poster && !Embeds.IsThisSite(poster) && !poster.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            player.RemoveAttribute("poster");
        }
    }
}
