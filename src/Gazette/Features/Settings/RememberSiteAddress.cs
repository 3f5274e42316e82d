using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gazette.Features.Settings;

/// <summary>
/// A site with no address configured takes the one its first Administrator signs in at, as
/// WordPress takes the address it was installed at: a person with the Administrator's password
/// chose it, where any visitor can choose a request's <c>Host</c>. It is saved as the
/// <c>Gazette:Site:Url</c> setting, shown and changed on the settings page.
/// </summary>
public sealed class RememberSiteAddress(SiteAddress address, SiteSettingsStore store, ILogger<RememberSiteAddress> logger)
    : IStaffSignedIn
{
    public async Task OnSignedInAsync(CookieSignedInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (address.IsKnown || context.Principal?.IsInRole(StaffRoles.Administrator) != true)
        {
            return;
        }
        var request = context.Request;
        if (SiteAddress.Normalise($"{request.Scheme}://{request.Host}{request.PathBase}") is not { } url)
        {
            return;
        }
        await store.SaveAsync(new Dictionary<string, string> { [SiteAddress.SettingKey] = url }, [], context.HttpContext.RequestAborted);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("The site's address is now {Url}, where its first Administrator signed in; change it in the settings.", url);
        }
    }
}
