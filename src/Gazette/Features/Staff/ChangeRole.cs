using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Features.Staff;

/// <summary>
/// Gives a staff account one role, from the Staff page or the <c>users set-role</c> verb. The
/// account's sessions pick the new role up on their next request (its security stamp is renewed),
/// and the site never loses its last Administrator this way.
/// </summary>
public sealed class ChangeRole(UserManager<StaffUser> users)
{
    public enum Outcome
    {
        Changed,
        UnknownRole,
        LastAdministrator,
    }

    /// <summary>The role named <paramref name="name"/>, whatever its case; null when there is none.</summary>
    public static string? RoleNamed(string name) =>
        StaffRoles.All.FirstOrDefault(role => string.Equals(role, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<Outcome> ExecuteAsync(StaffUser user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (RoleNamed(role) is not { } named)
        {
            return Outcome.UnknownRole;
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(StaffRoles.Administrator) && named != StaffRoles.Administrator
            && (await users.GetUsersInRoleAsync(StaffRoles.Administrator)).Count(u => !IsSuspended(u)) <= 1)
        {
            return Outcome.LastAdministrator;
        }
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, named);
        await users.UpdateSecurityStampAsync(user);
        return Outcome.Changed;
    }

    /// <summary>Whether the account is suspended (locked out for now), so cannot sign in whatever its role.</summary>
    public static bool IsSuspended(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
    }
}
