using Ganss.Xss;
using Markdig;

namespace Gazette.Features.Articles;

/// <summary>Turns an article's Markdown into the HTML readers see, sanitised.</summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Heading anchors and footnote links from Markdig.
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
