namespace Gazette.Data;

/// <summary>Who made a redirect.</summary>
public enum RedirectOrigin
{
    /// <summary>Added or edited by staff on the redirects page.</summary>
    Staff = 0,

    /// <summary>Made when a published article's address changed (its slug or date).</summary>
    ArticleMoved = 1,

    /// <summary>Brought in by an importer, from the old site's addresses.</summary>
    Imported = 2,
}

/// <summary>
/// An old address that answers 301 with a new one. Looked up only when nothing else answers a
/// request (a 404), or, for a from-path with a query string, when the request has the same query
/// parameter names (see <c>Features/Redirects</c>).
/// </summary>
public class Redirect
{
    public int Id { get; set; }

    /// <summary>
    /// The local path redirected from, normalised: decoded, no trailing slash, and any query's
    /// parameters sorted (<c>/?p=123</c>). Unique.
    /// </summary>
    public string FromPath { get; set; } = "";

    /// <summary>
    /// The sorted, distinct names of <see cref="FromPath"/>'s query parameters ("p"), or null when it
    /// has none: lets a request with a query string skip the lookup when no redirect could match it.
    /// </summary>
    public string? QueryKeys { get; set; }

    /// <summary>A local path (normalised like <see cref="FromPath"/>) or an absolute https URL.</summary>
    public string ToUrl { get; set; } = "";

    public RedirectOrigin Origin { get; set; }

    /// <summary>The article whose old address this is, for redirects made when it moved.</summary>
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public int HitCount { get; set; }
    public DateTime? LastHitAt { get; set; }
}
