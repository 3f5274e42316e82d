using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Gazette.Features.Staff;

/// <summary>
/// Marks a browser that a member of staff has signed in from, so that <see cref="SignInThrottle"/>
/// can let its owner through while someone elsewhere is guessing the same account's password.
/// The cookie names the account, signed with the site's keys; it proves nothing by itself, the
/// password is still asked for.
/// </summary>
public sealed class StaffDevice(IDataProtectionProvider protection) : IStaffSignedIn
{
    public const string CookieName = "gazette.device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Gazette.Staff.Device.v1").ToTimeLimitedDataProtector();

    /// <summary>A key for this browser when it signed in to <paramref name="userId"/>'s account before; null otherwise.</summary>
    public string? KeyFor(HttpRequest request, string userId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }
        try
        {
            return string.Equals(_protector.Unprotect(cookie), userId, StringComparison.Ordinal)
                ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)))[..32]
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Remember(HttpResponse response, string userId)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName, _protector.Protect(userId, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/admin",
            MaxAge = Lifetime,
        });
    }

    /// <summary>Every completed sign-in (password, two-factor code, reset link) marks the browser.</summary>
    public Task OnSignedInAsync(CookieSignedInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            Remember(context.Response, userId);
        }
        return Task.CompletedTask;
    }
}
