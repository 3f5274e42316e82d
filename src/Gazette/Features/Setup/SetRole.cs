using Gazette.Data;
using Gazette.Features.Staff;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Features.Setup;

/// <summary><c>users set-role USERNAME ROLE</c>: gives a staff account a role from the command line.</summary>
public static class SetRole
{
    public static async Task<int> RunAsync(IServiceProvider services, string userName, string role, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            await output.WriteLineAsync($"There is no staff account with the user name \"{userName}\".");
            return 1;
        }
        switch (await scope.ServiceProvider.GetRequiredService<ChangeRole>().ExecuteAsync(user, role))
        {
            case ChangeRole.Outcome.UnknownRole:
                await output.WriteLineAsync($"There is no role \"{role}\". The roles are: {string.Join(", ", StaffRoles.All)}.");
                return 2;
            case ChangeRole.Outcome.LastAdministrator:
                await output.WriteLineAsync($"{userName} is the site's last Administrator who can sign in: make another account an Administrator first.");
                return 1;
            default:
                var named = ChangeRole.RoleNamed(role);
                await output.WriteLineAsync($"{userName} is now {(named == StaffRoles.Contributor ? "a" : "an")} {named}."
                    + (await users.HasPasswordAsync(user) ? "" : $" The account has no password yet: give it one with `users reset-password {userName}`."));
                return 0;
        }
    }
}
