using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Admin;

/// <summary>
/// A member of staff sets up, renews recovery codes for, or turns off two-factor sign-in; turning
/// it off takes their password and a code, as signing in does.
/// </summary>
public sealed class TwoFactorModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, Authenticator authenticator, ConfirmIdentity confirmIdentity,
    IOptionsMonitor<StaffSettings> settings)
    : PageModel
{
    [BindProperty]
    [Display(Name = "Code from the app")]
    public string? Code { get; set; }

    /// <summary>Asked for to turn two-factor sign-in off.</summary>
    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string? Password { get; set; }

    public bool Enabled { get; private set; }
    public bool Required => settings.CurrentValue.RequireTwoFactor;
    public int RecoveryCodesLeft { get; private set; }
    public AuthenticatorSetup? Setup { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        var codes = await authenticator.EnableAsync(user, Code ?? "");
        if (codes is null)
        {
            ModelState.AddModelError(nameof(Code), "That code does not match. Check the app shows Gazette and enter the code it shows now.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(user);
        }
        await signIn.RefreshSignInAsync(user);
        NewRecoveryCodes = codes;
        Message = "Two-factor sign-in is on.";
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { TwoFactorEnabled: true } user)
        {
            return RedirectToPage();
        }
        NewRecoveryCodes = await authenticator.NewRecoveryCodesAsync(user);
        Message = "New recovery codes made; the old ones no longer work.";
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (Required)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError("", "Two-factor sign-in is required for all staff on this site, so it cannot be turned off.");
            return await ShowAsync(user);
        }
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }
        // The code is not looked at after a wrong password, so a recovery code is not spent for nothing.
        if (await confirmIdentity.CheckPasswordAsync(user, Password) is { } wrongPassword)
        {
            ModelState.AddModelError(nameof(Password), wrongPassword);
        }
        else if (await confirmIdentity.CheckCodeAsync(user, Code) is { } wrongCode)
        {
            ModelState.AddModelError(nameof(Code), wrongCode);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(user);
        }
        await authenticator.DisableAsync(user);
        await signIn.RefreshSignInAsync(user);
        Message = "Two-factor sign-in is off.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(StaffUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        }
        else
        {
            Setup = await authenticator.SetupAsync(user);
        }
        return Page();
    }
}
