using Gazette.Data;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Features.Staff;

/// <summary>
/// The password step of signing in, throttled by <see cref="SignInThrottle"/>. A name that is
/// no account, an account without a password, a suspended account and a wrong password all cost
/// one password hash and get the same answer, so neither the answer nor its timing says which
/// names exist.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<StaffUser> signIn, UserManager<StaffUser> users, IPasswordHasher<StaffUser> hasher,
    SignInThrottle throttle, StaffDevice device)
{
    public enum Outcome
    {
        SignedIn,
        RequiresTwoFactor,
        Failed,
        Suspended,
        LockedOut,
        Wait,
    }

    public sealed record Result(Outcome Outcome, TimeSpan Wait = default);

    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), "decoy password"));

    public async Task<Result> ExecuteAsync(HttpContext http, string userName, string password, bool rememberMe)
    {
        ArgumentNullException.ThrowIfNull(http);
        var typed = userName.Trim();
        var address = http.Connection.RemoteIpAddress;
        var user = await users.FindByNameAsync(typed) ?? await users.FindByEmailAsync(typed);
        // An account is counted under one name, whether its user name or its email was typed.
        var name = user?.UserName ?? typed;
        var knownDevice = user is null ? null : device.KeyFor(http.Request, user.Id);
        var wait = await throttle.WaitForAsync(address, name, knownDevice);
        if (wait > TimeSpan.Zero)
        {
            return new Result(Outcome.Wait, wait);
        }

        bool passwordRight;
        if (user is { PasswordHash: { } hash })
        {
            passwordRight = hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
        }
        else
        {
            // The same work as for a real account, so the time taken does not tell them apart.
            hasher.VerifyHashedPassword(new StaffUser(), DecoyHash.Value, password);
            passwordRight = false;
        }
        if (!passwordRight)
        {
            await throttle.FailedAsync(address, name, knownDevice);
            return new Result(Outcome.Failed);
        }

        // The password is right: Identity checks the rest (suspension, two-factor) and signs in.
        var result = await signIn.PasswordSignInAsync(user!, password, rememberMe, lockoutOnFailure: false);
        if (result.IsLockedOut)
        {
            // Suspension locks an account for good; wrong two-factor codes for a few minutes.
            return new Result(user!.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100) ? Outcome.Suspended : Outcome.LockedOut);
        }
        if (result.IsNotAllowed)
        {
            return new Result(Outcome.Suspended);
        }
        await throttle.SucceededAsync(name);
        return new Result(result.RequiresTwoFactor ? Outcome.RequiresTwoFactor : result.Succeeded ? Outcome.SignedIn : Outcome.Failed);
    }
}
