using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

/// <summary>
/// Where the links in invitations (<c>/admin/welcome</c>) and password-reset emails
/// (<c>/admin/reset-password</c>) lead: the member of staff chooses a password and is signed in.
/// </summary>
public sealed class SetPasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    public string Confirm { get; set; } = "";

    public bool IsInvitation => Request.Path.StartsWithSegments("/admin/welcome", StringComparison.OrdinalIgnoreCase);

    public StaffUser? Account { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Account = await FindAsync();
        if (Account is null || !await users.VerifyUserTokenAsync(
                Account, users.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffUser>.ResetPasswordTokenPurpose, Token!))
        {
            return LinkNotValid();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Account = await FindAsync();
        if (Account is null)
        {
            return LinkNotValid();
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await users.ResetPasswordAsync(Account, Token!, Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return LinkNotValid();
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!Account.EmailConfirmed)
        {
            Account.EmailConfirmed = true;
            await users.UpdateAsync(Account);
        }
        await users.ResetAccessFailedCountAsync(Account);
        await signIn.SignInAsync(Account, isPersistent: false);
        return LocalRedirect("/admin");
    }

    private async Task<StaffUser?> FindAsync() =>
        string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) ? null : await users.FindByIdAsync(UserId);

    private PageResult LinkNotValid()
    {
        Account = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
