using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Gazette.Features.Comments;

/// <summary>Comment text is plain text: every character is encoded, blank lines make paragraphs.</summary>
public static class CommentText
{
    public static IHtmlContent ToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder(text.Length + 32);
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>");
            html.AppendJoin("<br>", paragraph.Split('\n').Select(line => HtmlEncoder.Default.Encode(line)));
            html.Append("</p>");
        }
        return new HtmlString(html.ToString());
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
