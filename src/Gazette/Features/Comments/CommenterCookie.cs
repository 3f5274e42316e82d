using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Gazette.Features.Comments;

/// <summary>
/// "Save my name, email and website in this browser": only when the reader ticks the box, the
/// details go into a cookie on their own browser, encrypted with the site's data-protection keys,
/// and fill the form on their next visit. Unticking it removes the cookie.
/// </summary>
public sealed class CommenterCookie(IDataProtectionProvider protection)
{
    public const string Name = "gazette_commenter";

    private sealed record Details(string Name, string Email, string? Website);

    private readonly IDataProtector _protector = protection.CreateProtector("Gazette.Comments.Commenter.v1");

    public void Remember(HttpResponse response, CommentForm form)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(form);
        if (!form.Remember)
        {
            response.Cookies.Delete(Name);
            return;
        }
        var value = _protector.Protect(JsonSerializer.Serialize(new Details(form.Name!.Trim(), form.Email!.Trim(), form.Website?.Trim())));
        response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
    }

    /// <summary>Fills an empty form from the cookie, if the reader asked for that.</summary>
    public void Fill(HttpRequest request, CommentForm form)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        if (!request.Cookies.TryGetValue(Name, out var value))
        {
            return;
        }
        try
        {
            if (JsonSerializer.Deserialize<Details>(_protector.Unprotect(value)) is { } details)
            {
                (form.Name, form.Email, form.Website, form.Remember) = (details.Name, details.Email, details.Website, true);
            }
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            // A cookie from rotated keys or tampered with: ignore it, the reader types again.
        }
    }
}
