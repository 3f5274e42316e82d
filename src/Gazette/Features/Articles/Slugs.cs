using System.Globalization;
using System.Text;

namespace Gazette.Features.Articles;

public static class Slugs
{
    public const int MaxLength = 80;

    /// <summary>"Café opens — at last!" becomes "cafe-opens-at-last".</summary>
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }
                builder.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else if (c != '\'' && c != '’')
            {
                pendingDash = true;
            }
            if (builder.Length >= MaxLength)
            {
                break;
            }
        }
        var slug = builder.ToString().Normalize(NormalizationForm.FormC).Trim('-');
        return slug.Length == 0 ? "untitled" : slug;
    }
}
