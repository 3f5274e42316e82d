using Gazette.Data;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Features.Setup;

/// <summary>
/// <c>users reset-password USERNAME</c>: the way back in when the first-run password is lost.
/// Also clears a lockout, so that the account can sign in at once.
/// </summary>
public static class ResetPassword
{
    public static async Task<int> RunAsync(IServiceProvider services, string userName, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            await output.WriteLineAsync($"There is no staff account with the user name \"{userName}\".");
            return 1;
        }

        var password = FirstRun.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync("The password could not be reset: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            return 1;
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await output.WriteLineAsync($"New password for {userName}: {password}");
        return 0;
    }
}
