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
public sealed class CommentOwnership(IOptionsMonitor<CommentSettings> settings, TimeProvider clock)
{
    private const string CookiePrefix = "gazette_c";

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
