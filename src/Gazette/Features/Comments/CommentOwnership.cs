using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gazette.Data;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>
/// Lets the browser that posted a comment edit or delete it for
/// <see cref="CommentSettings.EditWindowMinutes"/>: it holds a random token in a cookie that
/// expires with the window, and the comment keeps only the token's hash.
/// </summary>
/// <remarks>
/// Article pages are the same for every reader (they are cached), so the "Edit" link under one's
/// own comment is added in the browser: a second cookie, <see cref="MarkerName"/>, readable by
/// script and holding no secret, lists which comments this browser posted and until when
/// (<c>id.unixSeconds</c> items joined by <c>-</c>). The server never reads it on a page view.
/// </remarks>
public sealed class CommentOwnership(IOptionsMonitor<CommentSettings> settings, TimeProvider clock)
{
    private const string CookiePrefix = "gazette_c";

    /// <summary>The script-readable list of this browser's editable comments.</summary>
    public const string MarkerName = "gazette_mine";

    public static string CookieName(int commentId) => CookiePrefix + commentId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Makes a token, returns its hash for the comment; <see cref="GiveTo"/> hands it to the browser once saved.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (token, Hash(token));
    }

    public void GiveTo(HttpResponse response, int commentId, string token)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName(commentId), token, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = Window,
        });
        var until = clock.GetUtcNow().Add(Window).ToUnixTimeSeconds();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var kept = response.HttpContext.Request.Cookies.TryGetValue(MarkerName, out var marker)
            ? marker.Split('-', StringSplitOptions.RemoveEmptyEntries)
                .Select(item => item.Split('.'))
                .Where(parts => parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id) && id != commentId
                    && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var expires) && expires > now)
                .Select(parts => parts[0] + "." + parts[1])
                .TakeLast(20)
            : [];
        response.Cookies.Append(MarkerName, string.Join('-', kept.Append(string.Create(CultureInfo.InvariantCulture, $"{commentId}.{until}"))), new CookieOptions
        {
            HttpOnly = false,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = Window,
        });
    }

    /// <summary>True when this browser posted the comment and the window is still open.</summary>
    public bool MayChange(HttpRequest request, Comment comment)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(comment);
        return comment.EditTokenHash is { } expected
            && request.Cookies.TryGetValue(CookieName(comment.Id), out var token)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(expected))
            && clock.GetUtcNow().UtcDateTime < comment.CreatedAt + Window;
    }

    /// <summary>Whether the page should offer "Edit" for this comment (the edit page checks properly).</summary>
    public static bool MightChange(HttpRequest request, int commentId) =>
        request?.Cookies.ContainsKey(CookieName(commentId)) == true;

    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(0, settings.CurrentValue.EditWindowMinutes));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
