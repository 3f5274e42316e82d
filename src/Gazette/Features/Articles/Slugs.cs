using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

public static class Slugs
{
    public const int MaxLength = 80;

    /// <summary>
    /// <paramref name="slug"/>, or the first of <c>slug-2</c>, <c>slug-3</c>… that none of
    /// <paramref name="existing"/> (the slugs already in use) holds.
    /// </summary>
    public static async Task<string> UniqueAsync(IQueryable<string> existing, string slug, CancellationToken cancellationToken)
    {
        var taken = await existing.Where(s => s == slug || s.StartsWith(slug + "-")).ToListAsync(cancellationToken);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        return candidate;
    }

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
