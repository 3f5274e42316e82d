using System.Text;
using Markdig.Syntax;

namespace Gazette.Features.Articles;

/// <summary>The lead of an article, for lists and meta descriptions, when no excerpt was written.</summary>
public static class Summaries
{
    public const int MaxLength = 300;

    /// <summary>
    /// The article's lead: its opening paragraphs of prose (headings, tables, lists, quotes and
    /// code are skipped), cut at a sentence end within <see cref="MaxLength"/>.
    /// </summary>
    public static string FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdig.Markdown.Parse(markdown, MarkdownRenderer.Pipeline);
        var lead = new StringBuilder();
        foreach (var paragraph in document.OfType<ParagraphBlock>())
        {
            var text = CollapseWhitespace(MarkdownRenderer.ToPlainText(markdown.Substring(paragraph.Span.Start, paragraph.Span.Length)));
            if (text.Length == 0)
            {
                continue;
            }
            lead.Append(lead.Length > 0 ? " " : "").Append(text);
            if (lead.Length >= MaxLength)
            {
                break;
            }
        }
        return Cut(lead.ToString(), MaxLength);
    }

    /// <summary>Cuts at the last sentence end within <paramref name="max"/>, else at a word, with an ellipsis.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var window = text[..max];
        var sentenceEnd = window.LastIndexOfAny(['.', '!', '?']);
        if (sentenceEnd >= max / 3)
        {
            return window[..(sentenceEnd + 1)];
        }
        var space = window.LastIndexOf(' ');
        return (space > 0 ? window[..space] : window).TrimEnd(',', ';', ':') + "…";
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace || !lastWasSpace)
            {
                builder.Append(isSpace ? ' ' : c);
            }
            lastWasSpace = isSpace;
        }
        return builder.ToString().Trim();
    }
}
