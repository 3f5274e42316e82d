using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.BrowserTests.Infrastructure;

public static class ArrangeStaff
{
    /// <summary>A new member of staff in <paramref name="role"/>, with a password the browser can sign in with.</summary>
    public static async Task<StaffAccount> ArrangeStaffAsync(this BrowserApp app, string role)
    {
        ArgumentNullException.ThrowIfNull(app);
        var userName = app.Unique(role.ToLowerInvariant());
        var account = new StaffAccount(userName, "Browser-tests-passw0rd", "Staff " + userName);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = userName, Email = userName + "@example.org", EmailConfirmed = true, DisplayName = account.DisplayName, Slug = userName,
        };
        Check(await users.CreateAsync(user, account.Password));
        Check(await users.AddToRoleAsync(user, role));
        return account;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
