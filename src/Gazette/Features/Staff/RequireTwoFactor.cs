using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Staff;

/// <summary>
/// When Administrators require two-factor sign-in, a member of staff without it sees only the
/// page that sets it up (and can still sign out) until they have.
/// </summary>
internal static class RequireTwoFactor
{
    public const string SetupPath = "/admin/account/two-factor";

    public static IApplicationBuilder UseRequiredTwoFactor(this IApplicationBuilder app) =>
        app.UseWhen(IsGuardedStaffRequest, staff => staff.Use(async (context, next) =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptionsMonitor<StaffSettings>>().CurrentValue;
            if (settings.RequireTwoFactor)
            {
                var users = context.RequestServices.GetRequiredService<UserManager<StaffUser>>();
                if (await users.GetUserAsync(context.User) is { TwoFactorEnabled: false })
                {
                    context.Response.Redirect(SetupPath + "?required=1");
                    return;
                }
            }
            await next(context);
        }));

    private static bool IsGuardedStaffRequest(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/admin/signout", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/admin/signin", StringComparison.OrdinalIgnoreCase);
}
