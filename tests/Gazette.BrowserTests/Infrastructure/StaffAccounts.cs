using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>Members of staff besides the Administrator the app starts with.</summary>
public static class StaffAccounts
{
    /// <summary>A new member of staff in <paramref name="role"/> (Editor, Author, Contributor), for the browser to sign in as.</summary>
    public static async Task<StaffAccount> CreateStaffAsync(this BrowserApp app, string role)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(role);
        var name = app.Unique(role.ToLowerInvariant());
        var account = new StaffAccount(name, "Browser-tests-passw0rd", $"{role} {name}");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = name, Email = name + "@example.org", EmailConfirmed = true, DisplayName = account.DisplayName, Slug = name,
        };
        foreach (var result in new[] { await users.CreateAsync(user, account.Password), await users.AddToRoleAsync(user, role) })
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
        return account;
    }
}
