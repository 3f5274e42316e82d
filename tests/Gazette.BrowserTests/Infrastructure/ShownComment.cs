using AngleSharp.Html.Parser;
using Gazette.Features.Comments;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>
/// What a comment's text shows: comments may use the few tags WordPress allows in them (a payload
/// such as <c>&lt;a href="javascript:…"&gt;x&lt;/a&gt;</c> shows "x", as a link to nowhere), so the words
/// shown are those of the HTML the site makes of it. Text with no <c>&lt;</c> and no <c>&amp;</c> shows as written.
/// </summary>
public static class ShownComment
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The page's (and a feed's content's) words: the rendered HTML's text.</summary>
    public static string TextOf(string text) =>
        text.AsSpan().IndexOfAny('<', '&') < 0 ? text.Trim()
            : Parser.ParseDocument("<body>" + CommentText.ToHtml(text) + "</body>").Body!.TextContent.Trim();

    /// <summary>A feed's summary: the comment as plain text.</summary>
    public static string PlainTextOf(string text) => CommentText.ToPlainText(text);
}
