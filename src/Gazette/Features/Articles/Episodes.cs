using System.Globalization;

namespace Gazette.Features.Articles;

/// <summary>
/// An article's podcast episode: an audio (or video) file it carries, played above the story and
/// announced as the enclosure of its feed entries, as WordPress's <c>enclosure</c> field does.
/// </summary>
public static class Episodes
{
    /// <summary>The address as stored: a site path (<c>/media/…</c>) or an http(s) address; null for anything else.</summary>
    public static string? Normalise(string? address)
    {
        var trimmed = address?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 2000)
        {
            return null;
        }
        if (trimmed.StartsWith('/'))
        {
            // "//host" and "/\host" are other sites' addresses in a browser's eyes.
            return trimmed.Length > 1 && trimmed[1] is '/' or '\\' ? null : trimmed;
        }
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri : null;
    }

    /// <summary>The media type a file's name suggests; an episode of unknown kind is taken for MP3, the podcast default.</summary>
    public static string TypeOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var path = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.AbsolutePath : address.Split('?', '#')[0];
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".m4a" => "audio/mp4",
            ".aac" => "audio/aac",
            ".ogg" or ".oga" or ".opus" => "audio/ogg",
            ".wav" => "audio/wav",
            ".flac" => "audio/flac",
            ".mp4" => "video/mp4",
            ".m4v" => "video/x-m4v",
            ".webm" => "video/webm",
            ".mov" => "video/quicktime",
            _ => "audio/mpeg",
        };
    }

    public static bool IsVideo(string type) => type.StartsWith("video/", StringComparison.Ordinal);

    /// <summary>
    /// WordPress's <c>enclosure</c> field: the address, the size in bytes and the media type, one per line
    /// (a fourth line of player settings follows in some). Null when it names no usable address.
    /// </summary>
    public static (string Url, long Length, string Type)? FromWordPress(string? value)
    {
        var lines = (value ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.TrimEntries);
        if (Normalise(lines[0]) is not { } url)
        {
            return null;
        }
        var length = lines.Length > 1 && long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
        var type = lines.Length > 2 && lines[2].Contains('/', StringComparison.Ordinal) && lines[2].Length <= 100 ? lines[2] : TypeOf(url);
        return (url, length, type);
    }

    /// <summary>WordPress's <c>enclosure</c> field for an episode, as the export writes it.</summary>
    public static string ToWordPress(string absoluteUrl, long length, string type) =>
        string.Create(CultureInfo.InvariantCulture, $"{absoluteUrl}\n{length}\n{type}\n");
}
