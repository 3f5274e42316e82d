using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Gazette.Features.Comments;

/// <summary>
/// Comment text is what the reader typed: text in which the small set of tags WordPress allows in
/// comments (<see cref="AllowedTags"/>: links, emphasis, quotes, code) is formatting, and anything
/// else that looks like a tag shows as typed. Blank lines make paragraphs, newlines line breaks.
/// Entities are read as HTML reads them (<c>&amp;lt;</c> shows <c>&lt;</c>), as in WordPress.
/// </summary>
public static class CommentText
{
    /// <summary>The tags a comment may use, for the hint under the comment form.</summary>
    public static IReadOnlyList<string> AllowedTags => CommentMarkup.Tags;

    /// <summary>
    /// The text as the page shows it: paragraphs, line breaks and the allowed tags (a link only to a
    /// web or mail address, marked <c>rel="nofollow ugc"</c>, with no attribute but its title); every
    /// other character encoded.
    /// </summary>
    public static IHtmlContent ToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Most comments have no markup and no entity: nothing to parse.
        return new HtmlString(IsPlain(text) ? PlainToHtml(text) : CommentMarkup.Render(text).InnerHtml);
    }

    /// <summary>
    /// The text as a reader sees it, as plain text, for where text is shown as text (an email, a
    /// feed's summary, an excerpt) or read for words and links (the moderation policy): no tags,
    /// entities decoded, paragraphs apart, and a link's address in brackets after its words.
    /// </summary>
    public static string ToPlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsPlain(text)
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim()
            : CommentMarkup.PlainText(CommentMarkup.Render(text));
    }

    /// <summary>
    /// Comment text from HTML written elsewhere (a WordPress export), where every tag is markup: the
    /// allowed tags kept, any other taken away with its content kept (a script's dropped), line
    /// breaks and paragraphs made newlines and blank lines, characters that are not markup encoded.
    /// </summary>
    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return CommentMarkup.FromHtml(html);
    }

    /// <summary>
    /// The text as HTML that another system (WordPress, for an export) reads as this site does: the
    /// allowed tags as they are, newlines as newlines, and every other <c>&amp; &lt; &gt;</c> encoded.
    /// <see cref="FromHtml"/> reads it back the same.
    /// </summary>
    public static string ToPortableHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CommentMarkup.Sanitize(text).InnerHtml.Trim();
    }

    private static bool IsPlain(string text) => text.AsSpan().IndexOfAny('<', '&') < 0;

    private static string PlainToHtml(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        foreach (var paragraph in CommentMarkup.ParagraphsOf(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')))
        {
            html.Append("<p>");
            html.AppendJoin("<br>", paragraph.Split('\n').Select(line => HtmlEncoder.Default.Encode(line.Trim())));
            html.Append("</p>");
        }
        return html.ToString();
    }

    /// <summary>
    /// Where the author's name links: their website if it is an address the comment form would
    /// accept (http or https), otherwise null and no link. The form stores nothing else, but the
    /// page does not rely on it: a <c>javascript:</c> address arriving another way stays unlinked.
    /// </summary>
    public static string? WebsiteHref(string? website) =>
        string.IsNullOrWhiteSpace(website) ? null : WebsiteSyntaxAttribute.Normalize(website);

    /// <summary>Up to two initials for the drawn avatar: "Tomas Reyes" is "TR".</summary>
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Written out rather than in LINQ: every comment on every page view asks for it.
        Span<char> letters = stackalloc char[2];
        var count = 0;
        var atWordStart = true;
        foreach (var c in name)
        {
            if (c == ' ')
            {
                atWordStart = true;
            }
            else if (atWordStart && char.IsLetterOrDigit(c))
            {
                letters[count++] = char.ToUpperInvariant(c);
                atWordStart = false;
                if (count == 2)
                {
                    break;
                }
            }
        }
        return count == 0 ? "?" : new string(letters[..count]);
    }

    /// <summary>One of the stylesheet's avatar colours, stable for a seed (see <see cref="Avatars"/>).</summary>
    public static int AvatarColour(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var hash = 17;
        foreach (var c in seed)
        {
            hash = unchecked((hash * 31) + c);
        }
        return (int)((uint)hash % 8);
    }
}
