using System.Text;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Gazette.Features.Staff;

/// <summary>What an authenticator app needs to be set up: the shared key and its QR code, drawn here.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri, string QrCodeDataUri);

/// <summary>
/// TOTP two-factor sign-in with Identity's authenticator token provider (RFC 6238: 30-second
/// steps, six digits, SHA-1, as every authenticator app expects). The QR code is rendered on
/// the server as a PNG data URI, so the key never leaves the site.
/// </summary>
public sealed class Authenticator(UserManager<StaffUser> users, IUserStore<StaffUser> store)
{
    public const string Issuer = "Gazette";
    public const int RecoveryCodeCount = 10;

    /// <summary>The user's authenticator key (made on first use) and its QR code.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: that also renews the security stamp, which would end
            // the session that is only looking at the set-up page. A key not yet confirmed grants nothing.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<StaffUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            await users.UpdateAsync(user);
        }
        var label = Uri.EscapeDataString($"{Issuer}:{user.UserName}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return new AuthenticatorSetup(Group(key), uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    /// <summary>Turns two-factor on when <paramref name="code"/> proves the app was set up; returns the recovery codes.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(StaffUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var digits = Normalise(code);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        return await NewRecoveryCodesAsync(user);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(StaffUser user) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];

    /// <summary>Turns two-factor off and forgets the key, so a new setup starts afresh.</summary>
    public async Task DisableAsync(StaffUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    /// <summary>Codes are typed with spaces or dashes now and then.</summary>
    public static string Normalise(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>True for what an authenticator app shows (six digits, once normalised); anything else may be a recovery code.</summary>
    public static bool IsAppCode(string normalised) => normalised.Length == 6 && normalised.All(char.IsAsciiDigit);

    /// <summary>Recovery codes are shown as <c>XXXXX-XXXXX</c>; people type them in any case, with or without the dash.</summary>
    public static string NormaliseRecoveryCode(string? code)
    {
        var plain = Normalise(code).ToUpperInvariant();
        return plain.Length == 10 ? $"{plain[..5]}-{plain[5..]}" : plain;
    }

    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
