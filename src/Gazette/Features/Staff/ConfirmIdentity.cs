using Gazette.Data;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Features.Staff;

/// <summary>
/// Asks a signed-in member of staff to prove again who they are before a change that would let
/// whoever holds their session keep the account: a new email address (where password resets
/// go) or two-factor sign-in turned off. Wrong answers count towards the same lockout as signing in.
/// </summary>
public sealed class ConfirmIdentity(UserManager<StaffUser> users, SignInManager<StaffUser> signIn)
{
    private const string LockedOut = "Too many wrong attempts: this account is locked for a few minutes. Try again later.";

    /// <summary>Null when <paramref name="password"/> is the user's password; otherwise what to tell them.</summary>
    public async Task<string?> CheckPasswordAsync(StaffUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return "Enter your current password.";
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? null : result.IsLockedOut ? LockedOut : "That is not your current password.";
    }

    /// <summary>
    /// Null when <paramref name="code"/> is the code the user's authenticator app shows now, or one
    /// of their unused recovery codes (which it spends); otherwise what to tell them.
    /// </summary>
    public async Task<string?> CheckCodeAsync(StaffUser user, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var plain = Authenticator.Normalise(code);
        if (plain.Length == 0)
        {
            return "Enter the code your authenticator app shows, or a recovery code.";
        }
        if (await users.IsLockedOutAsync(user))
        {
            return LockedOut;
        }
        var valid = Authenticator.IsAppCode(plain)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, plain)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, Authenticator.NormaliseRecoveryCode(code))).Succeeded;
        if (valid)
        {
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user)
            ? LockedOut
            : "That code is not right. Codes change every 30 seconds: enter the one your app shows now, or a recovery code.";
    }
}
