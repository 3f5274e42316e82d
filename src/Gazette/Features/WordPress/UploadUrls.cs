using System.Text.RegularExpressions;

namespace Gazette.Features.WordPress;

/// <summary>
/// Points addresses of WordPress uploads in imported content at the copies in the media library, as
/// WordPress's own importer does once it has fetched the files. An image is known by its address
/// without scheme and size: <c>photo-300x200.jpg</c> and <c>photo-scaled.jpg</c>, the sizes WordPress
/// made of <c>photo.jpg</c>, lead to the one stored copy.
/// </summary>
public static partial class UploadUrls
{
    /// <summary>The address of an upload as a key: host and path, lower-cased host, no size suffix.</summary>
    public static string? Key(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return null;
        }
        return parsed.Host.ToLowerInvariant() + SizeSuffix().Replace(Uri.UnescapeDataString(parsed.AbsolutePath), "");
    }

    /// <summary><paramref name="html"/> with every upload address found in <paramref name="stored"/> replaced by its copy here.</summary>
    public static string Rewrite(string html, IReadOnlyDictionary<string, string> stored)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Count == 0 || !html.Contains("/uploads/", StringComparison.OrdinalIgnoreCase)
            ? html
            : UploadAddress().Replace(html, m => Key(m.Value) is { } key && stored.TryGetValue(key, out var local) ? local : m.Value);
    }

    [GeneratedRegex(@"https?://[^\s""'<>()]+/uploads/[^\s""'<>(),]+", RegexOptions.IgnoreCase)]
    private static partial Regex UploadAddress();

    [GeneratedRegex(@"(-\d+x\d+|-scaled)(?=\.[A-Za-z0-9]+$)")]
    private static partial Regex SizeSuffix();
}
