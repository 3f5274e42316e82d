using System.Text;

namespace Gazette.Features.Articles;

/// <summary>The lead of an article, for lists and meta descriptions, when no excerpt was written.</summary>
public static class Summaries
{
    public const int MaxLength = 300;

    public static string FromMarkdown(string markdown)
    {
        var plain = MarkdownRenderer.ToPlainText(markdown);
        var paragraphs = plain.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Skip headings and other short lines: the lead is the first real paragraph onwards.
        var text = string.Join(' ', paragraphs.SkipWhile(p => p.Length < 60 && paragraphs.Any(q => q.Length >= 60)));
        return Cut(CollapseWhitespace(text), MaxLength);
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
