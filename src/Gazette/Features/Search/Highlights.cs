using System.Text;
using System.Text.RegularExpressions;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Gazette.Features.Search;

/// <summary>
/// Turns text the database marked up (FTS5's <c>highlight()</c>/<c>snippet()</c>, PostgreSQL's
/// <c>ts_headline</c>) into safe HTML. The database is asked to mark matches with two control
/// characters rather than with tags, so that the text itself can be HTML-encoded here in full and
/// only the markers become <c>&lt;mark&gt;</c>: nothing an author or a reader typed is ever written raw.
/// </summary>
public static partial class Highlights
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';

    /// <summary>The marker for SQL: the same characters as <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public static string StartText { get; } = Start.ToString();

    public static string StopText { get; } = Stop.ToString();

    /// <summary>
    /// <paramref name="marked"/> HTML-encoded, with each marked run in <c>&lt;mark&gt;</c>. Markers that
    /// do not pair up (the text could hold the characters itself) never leave an element open.
    /// </summary>
    public static HtmlString ToHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked))
        {
            return HtmlString.Empty;
        }
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            var c = i < marked.Length ? marked[i] : Stop;
            if (c is not (Start or Stop))
            {
                continue;
            }
            html.Append(HtmlEncoder.Default.Encode(Whitespace().Replace(marked[start..i], " ")));
            start = i + 1;
            if (c == Start && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if (c == Stop && open)
            {
                html.Append("</mark>");
                open = false;
            }
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>Line breaks and runs of spaces, to be one space: a snippet reads as one line of prose.</summary>
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Whether <paramref name="marked"/> holds a match.</summary>
    public static bool HasMatch(string? marked) => marked?.Contains(Start, StringComparison.Ordinal) == true;
}
