using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

/// <summary>A member of staff's own byline and bio.</summary>
public sealed class AccountModel(UserManager<StaffUser> users) : PageModel
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
            user.DisplayName = Profile.DisplayName.Trim();
            user.Bio = string.IsNullOrWhiteSpace(Profile.Bio) ? null : Profile.Bio.Trim();
            var email = Profile.Email.Trim();
            // SetEmailAsync also keeps the normalised copy that sign-in looks up, and saves the rest.
            var result = string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase)
                ? await users.UpdateAsync(user)
                : await users.SetEmailAsync(user, email);
            if (result.Succeeded)
            {
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
