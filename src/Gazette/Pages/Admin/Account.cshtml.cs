using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

/// <summary>A member of staff's own byline, bio and email address (a new address needs the password).</summary>
public sealed class AccountModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ConfirmIdentity confirmIdentity) : PageModel
{
    public sealed class ProfileForm
    {
        [Required(ErrorMessage = "Enter the name to show in bylines.")]
        [StringLength(100)]
        [Display(Name = "Name shown in bylines")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter an email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254)]
        public string Email { get; set; } = "";

        [StringLength(2000)]
        [Display(Name = "Bio (shown on your author page)")]
        public string? Bio { get; set; }

        /// <summary>Asked for only when the email address changes: password resets are sent there.</summary>
        [StringLength(200)]
        [DataType(DataType.Password)]
        [Display(Name = "Current password (to change your email address)")]
        public string? CurrentPassword { get; set; }
    }

    [BindProperty]
    public ProfileForm Profile { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Profile = new ProfileForm { DisplayName = user.DisplayName, Email = user.Email ?? "", Bio = user.Bio };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (ModelState.IsValid)
        {
            var email = Profile.Email.Trim();
            var emailChanges = !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase);
            // Before anything of the user changes: a wrong password is counted, which saves the user.
            var refusal = emailChanges ? await confirmIdentity.CheckPasswordAsync(user, Profile.CurrentPassword) : null;
            if (refusal is not null)
            {
                ModelState.AddModelError($"{nameof(Profile)}.{nameof(ProfileForm.CurrentPassword)}", refusal);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            user.DisplayName = Profile.DisplayName.Trim();
            user.Bio = string.IsNullOrWhiteSpace(Profile.Bio) ? null : Profile.Bio.Trim();
            // SetEmailAsync also keeps the normalised copy that sign-in looks up, and saves the rest.
            var result = emailChanges ? await users.SetEmailAsync(user, email) : await users.UpdateAsync(user);
            if (result.Succeeded)
            {
                if (emailChanges)
                {
                    // The new address renews the security stamp, which would sign this session out too.
                    await signIn.RefreshSignInAsync(user);
                }
                Message = "Profile saved.";
                return RedirectToPage();
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Profile), error.Description);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
