using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Gazette.Features.Articles;

/// <summary>
/// A password-protected article (<see cref="Data.Article.Password"/>) opened by a reader who gave the
/// password: the browser keeps a cookie for <see cref="Remembered"/> (WordPress keeps its
/// <c>wp-postpass</c> cookie ten days), one per article, sent only to that article's address.
///
/// The cookie never holds the password: it holds the article's id and a fingerprint of the password
/// (a hash of id and password), encrypted, signed and dated with the site's data-protection keys, so
/// it cannot be read, forged, moved to another article or kept past its date; and when the password
/// changes, the fingerprint no longer matches and the reader must give the new one.
/// </summary>
public sealed class ArticlePasswords(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromDays(10);

    /// <summary>What a locked article's page says above its password form (and its meta description).</summary>
    public const string Notice = "This story is protected. Enter the password to read it.";

    /// <summary>What feeds carry for a protected article instead of its excerpt and text.</summary>
    public const string FeedNotice = "This story is protected by a password, so there is no excerpt here. Read it on the site with its password.";

    /// <summary>Each article's cookie is this and its id. The page cache knows a request carrying one is personal.</summary>
    public const string CookiePrefix = "gazette-unlocked-";

    private readonly ITimeLimitedDataProtector _cookies =
        protection.CreateProtector("Gazette.Articles.Unlocked.v1").ToTimeLimitedDataProtector();

    private readonly ITimeLimitedDataProtector _forms =
        protection.CreateProtector("Gazette.Articles.PasswordForm.v1").ToTimeLimitedDataProtector();

    /// <summary>How long a served password form stays usable: longer than any page stays in a cache.</summary>
    private static readonly TimeSpan FormLifetime = TimeSpan.FromDays(7);

    public static string CookieName(int articleId) => CookiePrefix + articleId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether what a reader typed is <paramref name="password"/> (spaces around it forgiven), in constant time.</summary>
    public static bool Matches(string? password, string? given)
    {
        if (password is null || given is null)
        {
            return false;
        }
        return Same(password, given) | Same(password, given.Trim());

        static bool Same(string a, string b) =>
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
    }

    /// <summary>Gives the browser the article's cookie, for the article's own address (<paramref name="path"/>) only.</summary>
    public void Remember(HttpContext context, int articleId, string password, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(CookieName(articleId), _cookies.Protect(Payload(articleId, password), Remembered), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = path,
            MaxAge = Remembered,
            IsEssential = true,
        });
    }

    /// <summary>Whether this request carries a current cookie for article <paramref name="articleId"/> under its present <paramref name="password"/>.</summary>
    public bool IsUnlocked(HttpRequest request, int articleId, string? password)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (password is null || request.Cookies[CookieName(articleId)] is not { Length: > 0 } cookie)
        {
            return false;
        }
        try
        {
            return CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(_cookies.Unprotect(cookie)), Encoding.UTF8.GetBytes(Payload(articleId, password)));
        }
        catch (CryptographicException)
        {
            return false; // forged, damaged, expired, or made with keys this site no longer has
        }
    }

    /// <summary>
    /// The password form's token. Like the comment form's (see <see cref="Comments.CommentFormToken"/>), it is
    /// not about the visitor, so the locked page can be served from the shared cache: it proves the post
    /// comes from a form this site served for this article; a post another site caused is refused by
    /// <see cref="Comments.CommentFormToken.IsCrossSite"/>.
    /// </summary>
    public string FormToken(int articleId) =>
        _forms.Protect(articleId.ToString(CultureInfo.InvariantCulture), FormLifetime);

    public bool IsFormToken(string? token, int articleId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }
        try
        {
            return _forms.Unprotect(token) == articleId.ToString(CultureInfo.InvariantCulture);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Payload(int articleId, string password)
    {
        var id = articleId.ToString(CultureInfo.InvariantCulture);
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(id + "\n" + password));
        return id + ":" + WebEncoders.Base64UrlEncode(fingerprint);
    }
}
