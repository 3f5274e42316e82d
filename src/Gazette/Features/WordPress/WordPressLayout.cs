using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Gazette.Features.WordPress;

/// <summary>
/// The sizes WordPress's blocks keep in inline styles, which the site's sanitiser drops (its CSP allows
/// none), read into classes the stylesheet lays out (<c>Features/Articles/BodyClasses</c>): a column's
/// width, a cover's height, a spacer's, a media-and-text block's media width. Common values map to the
/// nearest step; any other leaves the block to its default (columns share the row equally). A resized
/// image keeps its width as an attribute.
/// </summary>
public static partial class WordPressLayout
{
    private static readonly int[] ColumnWidths = [20, 25, 33, 40, 50, 60, 66, 75, 80];
    private static readonly int[] MediaWidths = [25, 33, 40, 50, 60, 66, 75];

    /// <summary><paramref name="html"/> (each tag on one line) with the classes its blocks' styles stand for added.</summary>
    public static string StylesToClasses(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Contains("style", StringComparison.OrdinalIgnoreCase) ? StyledTag().Replace(html, Rewrite) : html;
    }

    private static string Rewrite(Match tag)
    {
        var name = tag.Groups["name"].Value.ToLowerInvariant();
        var attrs = tag.Groups["attrs"].Value;
        var style = Declarations(WebUtility.HtmlDecode(StyleAttribute().Match(attrs).Groups["value"].Value));
        var classMatch = ClassAttribute().Match(attrs);
        var classes = classMatch.Groups["value"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (name == "img")
        {
            return ResizedImage(tag.Value, attrs, style);
        }
        var added = classes switch
        {
            _ when classes.Contains("wp-block-column") => Percent(style.GetValueOrDefault("flex-basis")) is { } basis && Nearest(basis, ColumnWidths, 3) is { } width
                ? $"flex-basis-{width}" : null,
            _ when classes.Contains("wp-block-cover") || classes.Contains("wp-block-cover-image") => CoverHeight(style.GetValueOrDefault("min-height")),
            _ when classes.Contains("wp-block-spacer") => SpacerHeight(style.GetValueOrDefault("height")),
            _ when classes.Contains("wp-block-media-text") => MediaWidth(style.GetValueOrDefault("grid-template-columns"), classes.Contains("has-media-on-the-right")),
            _ => null,
        };
        if (added is null)
        {
            return tag.Value;
        }
        return classMatch.Success
            ? tag.Value.Replace(classMatch.Value, $"class=\"{string.Join(' ', classes.Append(added))}\"", StringComparison.Ordinal)
            : $"<{tag.Groups["name"].Value} class=\"{added}\"{attrs}>";
    }

    /// <summary>An image resized in the editor (<c>style="width:300px"</c>) keeps that width as its attribute.</summary>
    private static string ResizedImage(string tag, string attrs, Dictionary<string, string> style)
    {
        if (Pixels(style.GetValueOrDefault("width")) is not { } width)
        {
            return tag;
        }
        var kept = SizeAttribute().Replace(attrs, "");
        return $"<img{kept.TrimEnd().TrimEnd('/')} width=\"{width}\">";
    }

    private static string? CoverHeight(string? value) => value?.Trim() is { } height && height.EndsWith("vh", StringComparison.Ordinal)
        ? Number(height[..^2]) is { } vh ? vh >= 90 ? "min-height-screen" : Steps(vh * 8) : null
        : Pixels(value) is { } px ? Steps(px) : null;

    private static string Steps(double px) => px switch { <= 250 => "min-height-s", <= 450 => "min-height-m", <= 650 => "min-height-l", _ => "min-height-xl" };

    private static string? SpacerHeight(string? value) => Pixels(value) switch
    {
        null => null,
        <= 24 => "spacer-xs",
        <= 48 => "spacer-s",
        <= 80 => "spacer-m",
        <= 140 => "spacer-l",
        _ => "spacer-xl",
    };

    /// <summary>WordPress writes <c>grid-template-columns: 30% auto</c> (the media first) or <c>auto 30%</c>.</summary>
    private static string? MediaWidth(string? value, bool mediaOnTheRight)
    {
        var parts = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts.Length == 2 && Percent(parts[mediaOnTheRight ? 1 : 0]) is { } percent && Nearest(percent, MediaWidths, 5) is { } width and not 50
            ? $"media-width-{width}" : null;
    }

    private static int? Nearest(double value, int[] steps, double within)
    {
        var nearest = steps.MinBy(step => Math.Abs(step - value));
        return Math.Abs(nearest - value) <= within ? nearest : null;
    }

    private static double? Percent(string? value) =>
        value?.Trim() is { } text && text.EndsWith('%') ? Number(text[..^1]) : null;

    /// <summary>A length in pixels, from <c>px</c>, <c>em</c> or <c>rem</c> (16 px each).</summary>
    private static double? Pixels(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        { } px when px.EndsWith("rem", StringComparison.Ordinal) => Number(px[..^3]) * 16,
        { } px when px.EndsWith("px", StringComparison.Ordinal) => Number(px[..^2]),
        { } px when px.EndsWith("em", StringComparison.Ordinal) => Number(px[..^2]) * 16,
        _ => null,
    };

    private static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && n < 100_000 ? n : null;

    private static Dictionary<string, string> Declarations(string style)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in style.Split(';'))
        {
            if (declaration.Split(':', 2) is [var property, var value])
            {
                result[property.Trim().ToLowerInvariant()] = value.Replace("!important", "", StringComparison.OrdinalIgnoreCase).Trim();
            }
        }
        return result;
    }

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9]*)(?<attrs>\s[^<>]*?(?<![\w-])style\s*=\s*(?:""[^""]*""|'[^']*')[^<>]*)>")]
    private static partial Regex StyledTag();

    [GeneratedRegex(@"(?<![\w-])style\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)')", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"(?<![\w-])class\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)')", RegexOptions.IgnoreCase)]
    private static partial Regex ClassAttribute();

    [GeneratedRegex(@"\s(?:width|height)\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SizeAttribute();
}
