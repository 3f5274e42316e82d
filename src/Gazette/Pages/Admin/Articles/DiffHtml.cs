using Gazette.Features.Articles;
using Microsoft.AspNetCore.Html;

namespace Gazette.Pages.Admin.Articles;

/// <summary>
/// A diff cell's segments as markup with no whitespace of its own (the cell keeps the text's
/// spaces and line breaks). The text is appended as text, so the writer encodes it.
/// </summary>
public static class DiffHtml
{
    public static IHtmlContent Segments(IEnumerable<TextDiff.Segment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var html = new HtmlContentBuilder();
        foreach (var segment in segments)
        {
            var tag = segment.Kind switch
            {
                TextDiff.Kind.Removed => "del",
                TextDiff.Kind.Added => "ins",
                _ => null,
            };
            if (tag is null)
            {
                html.Append(segment.Text);
            }
            else
            {
                html.AppendHtml($"<{tag}>").Append(segment.Text).AppendHtml($"</{tag}>");
            }
        }
        return html;
    }
}
