using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Gazette.Features.Redirects;

/// <summary>
/// The one normal form of the addresses redirects are stored and looked up by, so that a request
/// finds its redirect with a single equality test on an indexed column:
/// <list type="bullet">
/// <item>the path is decoded (as ASP.NET Core gives <c>Request.Path</c>) and loses a trailing slash,
/// so <c>/2019/05/old-post/</c> and <c>/2019/05/old-post</c> are one address; case is kept, as in URLs;</item>
/// <item>a query string keeps its parameters, sorted by name then value and re-encoded, so
/// <c>/?p=123</c>, <c>/?p=123&amp;</c> and <c>/index.php?b=2&amp;a=1</c> written either way match;</item>
/// <item>a request's tracking parameters (<c>utm_*</c>, <c>fbclid</c>, <c>gclid</c>…) are dropped before
/// matching, so a shared link to an old address still finds its redirect.</item>
/// </list>
/// A redirect whose from-path has no query matches that path with any query, and passes the
/// request's query on to its target; one with a query matches only the same parameters.
/// </summary>
public static class RedirectPaths
{
    public const int MaxFromLength = 600;
    public const int MaxToLength = 2000;

    private static readonly string[] TrackingPrefixes = ["utm_"];
    private static readonly HashSet<string> TrackingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "igshid",
    };

    /// <summary>A path (decoded) and its normalised query ("" for none), from a request.</summary>
    public static (string Path, string Query) FromRequest(PathString path, QueryString query) =>
        (NormalisePath(path.Value ?? "/"), NormaliseQuery(query.Value, dropTracking: true));

    /// <summary>"/a/b" with query "p=1" becomes "/a/b?p=1".</summary>
    public static string Join(string path, string query) => query.Length == 0 ? path : path + "?" + query;

    /// <summary>
    /// Normalises what staff (or an importer) typed as a from-path, or gives why it cannot be one.
    /// </summary>
    public static bool TryNormaliseFrom(string? input, out string from, out string error)
    {
        from = "";
        if (!TrySplitLocal(input, out var path, out var query, out error))
        {
            return false;
        }
        from = Join(NormalisePath(path), NormaliseQuery(query, dropTracking: false));
        if (from == "/")
        {
            error = "The home page cannot be redirected. A from-path with a query, such as /?p=123, can.";
            return false;
        }
        if (IsAdmin(from))
        {
            error = "Addresses in the newsroom (/admin…) cannot be redirected.";
            return false;
        }
        if (from.Length > MaxFromLength)
        {
            error = $"Use at most {MaxFromLength} characters.";
            return false;
        }
        return true;
    }

    /// <summary>
    /// Normalises a target: a local path (normalised like a from-path) or an absolute https URL.
    /// </summary>
    public static bool TryNormaliseTo(string? input, out string to, out string error)
    {
        to = "";
        var text = input?.Trim() ?? "";
        if (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal))
        {
            if (!TrySplitLocal(text, out var path, out var query, out error))
            {
                return false;
            }
            to = Join(NormalisePath(path), NormaliseQuery(query, dropTracking: false));
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                error = "Addresses on other sites must start with https://.";
                return false;
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                error = "Leave out a user name or password from the address.";
                return false;
            }
            // A header holds ASCII only: an internationalised host goes in its punycode form.
            to = new UriBuilder(uri) { Host = uri.IdnHost }.Uri.AbsoluteUri;
        }
        else
        {
            error = "Use a path on this site starting with /, or an https:// address.";
            return false;
        }
        if (to.Length > MaxToLength)
        {
            error = $"Use at most {MaxToLength} characters.";
            return false;
        }
        error = "";
        return true;
    }

    public static bool IsLocal(string to) => to.StartsWith('/');

    /// <summary>"p" for "/?p=123", "a&amp;b" for "/x?b=2&amp;a=1", null for no query.</summary>
    public static string? QueryKeysOf(string fromOrQuery)
    {
        var mark = fromOrQuery.IndexOf('?', StringComparison.Ordinal);
        var query = mark >= 0 ? fromOrQuery[(mark + 1)..] : fromOrQuery;
        if (query.Length == 0)
        {
            return null;
        }
        return string.Join('&', QueryHelpers.ParseQuery(query).Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>The Location header for a target: local paths are encoded again.</summary>
    public static string ToLocation(string to)
    {
        if (!IsLocal(to))
        {
            return to;
        }
        var mark = to.IndexOf('?', StringComparison.Ordinal);
        var path = mark >= 0 ? to[..mark] : to;
        return new PathString(path).ToUriComponent() + (mark >= 0 ? to[mark..] : "");
    }

    private static bool TrySplitLocal(string? input, out string path, out string query, out string error)
    {
        path = query = "";
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "Enter a path starting with /.";
            return false;
        }
        if (!text.StartsWith('/') || text.StartsWith("//", StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal))
        {
            error = "Use a path on this site, starting with a single / (for example /2019/05/old-post or /?p=123).";
            return false;
        }
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            error = "A path cannot contain spaces; write them as %20.";
            return false;
        }
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            text = text[..hash];
        }
        var mark = text.IndexOf('?', StringComparison.Ordinal);
        path = mark >= 0 ? text[..mark] : text;
        query = mark >= 0 ? text[(mark + 1)..] : "";
        try
        {
            path = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            error = "The path has a broken %-escape.";
            return false;
        }
        error = "";
        return true;
    }

    private static string NormalisePath(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    private static string NormaliseQuery(string? query, bool dropTracking)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }
        var pairs = QueryHelpers.ParseQuery(query)
            .Where(p => !dropTracking || !IsTracking(p.Key))
            .SelectMany(p => p.Value.Select(v => (p.Key, Value: v ?? "")))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Value.Length == 0
                ? Uri.EscapeDataString(p.Key)
                : string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return string.Join('&', pairs);
    }

    private static bool IsTracking(string key) =>
        TrackingKeys.Contains(key) || TrackingPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsAdmin(string from) =>
        from.Equals("/admin", StringComparison.OrdinalIgnoreCase)
        || from.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase)
        || from.StartsWith("/admin?", StringComparison.OrdinalIgnoreCase);
}
