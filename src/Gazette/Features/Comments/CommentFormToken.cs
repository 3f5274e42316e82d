using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Gazette.Features.Comments;

/// <summary>
/// The comment form's token, designed for article pages served from a shared cache.
///
/// ASP.NET Core's antiforgery token is tied to one visitor's cookie, so a page cached once and
/// served to everyone would carry a token that fails for everyone else. This token is not about
/// the visitor: it is the article id, the time the form was rendered and a random nonce, signed
/// and time-limited with the site's data-protection keys. It proves the post comes from a form
/// this site served for this article, and how long ago; a post sooner than the minimum fill time
/// is a robot's. The nonce is stored with the comment it posted (a unique column), so one served
/// form posts one comment: a robot must fetch a page, and wait, for each.
///
/// Cross-site request forgery is stopped without a per-visitor secret: browsers send
/// <c>Sec-Fetch-Site</c> and <c>Origin</c> on form posts, and a post another site caused is
/// refused (<see cref="IsCrossSite"/>). Nothing here needs JavaScript.
///
/// A page is rendered with the article's shared token (<see cref="IssueShared"/>), the same for
/// every render until a comment uses it, so that the page's bytes are the same whoever asks and in
/// whatever encoding; conversation.js swaps in a reader's own token (<see cref="Route"/>) once the
/// reader starts on the form, which makes the minimum fill time count from then.
/// </summary>
public sealed class CommentFormToken(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>How long a served form stays usable: longer than any page stays in a cache.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>How long an article's shared token is handed out: well inside <see cref="Lifetime"/>.</summary>
    public static readonly TimeSpan SharedFor = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Gazette.Comments.FormToken.v1").ToTimeLimitedDataProtector();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (string Token, DateTimeOffset Issued)> _shared = new();

    public enum Verdict
    {
        Valid,
        TooFast,
        Invalid,
    }

    /// <summary>
    /// Where conversation.js fetches a fresh token when a reader starts on the form: the token in
    /// a cached page was issued when the page was stored, so it says nothing of how long this
    /// reader took, and its nonce is shared by everyone served that copy.
    /// </summary>
    public const string Route = "/comments/form-token/{articleId:int}";

    /// <inheritdoc cref="Route"/>
    public static string Path(int articleId) => string.Create(CultureInfo.InvariantCulture, $"/comments/form-token/{articleId}");

    public string Issue(int articleId) => _protector.Protect(
        string.Create(CultureInfo.InvariantCulture,
            $"{articleId}:{clock.GetUtcNow().ToUnixTimeSeconds()}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}"),
        Lifetime);

    /// <summary>The token pages of <paramref name="articleId"/> carry: one for every render until <see cref="Renew"/> or <see cref="SharedFor"/>.</summary>
    public string IssueShared(int articleId)
    {
        var now = clock.GetUtcNow();
        if (_shared.TryGetValue(articleId, out var shared) && now - shared.Issued < SharedFor)
        {
            return shared.Token;
        }
        if (_shared.Count > 10_000)
        {
            foreach (var (id, old) in _shared)
            {
                if (now - old.Issued >= SharedFor)
                {
                    _shared.TryRemove(id, out _);
                }
            }
        }
        var token = Issue(articleId);
        _shared[articleId] = (token, now);
        return token;
    }

    /// <summary>A comment used the article's shared token: the next render gets a new one.</summary>
    public void Renew(int articleId) => _shared.TryRemove(articleId, out _);

    /// <summary>
    /// Checks a posted token for <paramref name="articleId"/>; sets how many seconds the form was
    /// open and the token's nonce, which the comment keeps so that the token posts only once.
    /// </summary>
    public Verdict Check(string? token, int articleId, int minimumFillSeconds, out double secondsOpen, out string? nonce)
    {
        secondsOpen = 0;
        nonce = null;
        if (string.IsNullOrEmpty(token))
        {
            return Verdict.Invalid;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return Verdict.Invalid;
        }
        var parts = payload.Split(':');
        if (parts.Length != 3
            || parts[0] != articleId.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var issued)
            || parts[2].Length != 32)
        {
            return Verdict.Invalid;
        }
        nonce = parts[2];
        secondsOpen = clock.GetUtcNow().ToUnixTimeSeconds() - issued;
        return secondsOpen < minimumFillSeconds ? Verdict.TooFast : Verdict.Valid;
    }

    /// <summary>True when the browser says another site made this post.</summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return true;
        }
        // "null" is what a sandboxed frame, a data: page or a redirect from another site sends.
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
