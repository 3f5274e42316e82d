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

    /// <summary>Sanitised first; then a video or post address alone on its line becomes a card (<see cref="Embeds"/>).</summary>
    public string ToHtml(string markdown) => Embeds.Apply(_sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Heading anchors and footnote links from Markdig.
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedSchemes.Add("mailto");
        // The site's CSP allows no inline style, so a table column's alignment (the one style
        // Markdown writes) becomes a class, and no other style survives.
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedCssProperties.Add("text-align");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element && element.GetAttribute("style") is { } style)
            {
                var align = style.Split(':', 2) is [_, var value] ? value.Trim().TrimEnd(';').Trim() : "";
                if (align is "left" or "right" or "center")
                {
                    element.ClassList.Add("align-" + align);
                }
                element.RemoveAttribute("style");
            }
        };
        return sanitizer;
    }
}
