using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

/// <summary>The second step of signing in: a code from the authenticator app, or a recovery code.</summary>
public sealed class SignInTwoFactorModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code.")]
    [StringLength(40)]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [BindProperty]
    [Display(Name = "Don't ask again on this device for 30 days")]
    public bool RememberDevice { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            // The first step expired (it lasts a few minutes): start again.
            return RedirectToPage("SignIn", new { ReturnUrl });
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var code = Authenticator.Normalise(Code);
        var result = Authenticator.IsAppCode(code)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberDevice)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Authenticator.NormaliseRecoveryCode(Code));
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "Too many failed attempts: this account is locked for a few minutes. Try again later."
            : "That code is not right. Codes change every 30 seconds: try the one your app shows now.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
