using System.Text.RegularExpressions;

namespace Gazette.Features.WordPress;

/// <summary>
/// The search title and description that WordPress's SEO plugins keep per post: Yoast SEO
/// (<c>_yoast_wpseo_title</c>, <c>_yoast_wpseo_metadesc</c>) and Rank Math (<c>rank_math_title</c>,
/// <c>rank_math_description</c>). Their templates' variables (<c>%%title%%</c>, <c>%sitename%</c>…) are
/// filled in with what the article has here, and the site's name is left out, as the page adds it.
/// </summary>
internal static partial class WordPressSeo
{
    /// <summary>The article's search title, or null when the plugins' title comes to the headline itself.</summary>
    public static string? TitleOf(IReadOnlyDictionary<string, string> meta, string title, string excerpt) =>
        Fill(First(meta, "_yoast_wpseo_title", "rank_math_title"), title, excerpt) is { } filled && filled != title.Trim()
            ? ImportText.Cut(filled, 300) : null;

    /// <summary>The article's search description, or null when the plugins keep none.</summary>
    public static string? DescriptionOf(IReadOnlyDictionary<string, string> meta, string title, string excerpt) =>
        Fill(First(meta, "_yoast_wpseo_metadesc", "rank_math_description"), title, excerpt) is { } filled && filled != excerpt.Trim()
            ? ImportText.Cut(filled, 500) : null;

    private static string? First(IReadOnlyDictionary<string, string> meta, params string[] keys) =>
        keys.Select(k => meta.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string? Fill(string? template, string title, string excerpt)
    {
        if (template is null)
        {
            return null;
        }
        var filled = Variable().Replace(template, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "title" => title,
            "excerpt" or "excerpt_only" => excerpt,
            // The separator is kept only between words; the site's name, pages and the rest are the page's own.
            "sep" => " \u2013 ",
            _ => " ",
        });
        filled = RepeatedSeparators().Replace(Spaces().Replace(filled, " "), " \u2013 ");
        filled = filled.Trim().Trim('\u2013', '-', '|', '\u2014', '\u00b7', '\u2022', ':', ' ');
        return filled.Length == 0 ? null : filled;
    }

    [GeneratedRegex(@"%%(?<name>[A-Za-z_]+)%%|%(?<name>[A-Za-z_]+)(\([^)%]*\))?%")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(?:\s*\u2013\s*){2,}")]
    private static partial Regex RepeatedSeparators();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
