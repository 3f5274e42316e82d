using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

/// <summary>A member of staff's own byline, bio and email address (a new address needs the password).</summary>
public sealed class AccountModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ConfirmIdentity confirmIdentity, AuthorProfile profiles) : PageModel
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

        [StringLength(2000)]
        [Display(Name = "Your profiles elsewhere (one https address per line)")]
        public string? ProfileLinks { get; set; }

        [Display(Name = "Photo (shown by your articles and on your author page)")]
        public IFormFile? Photo { get; set; }

        [Display(Name = "Remove the photo")]
        public bool RemovePhoto { get; set; }

        /// <summary>Asked for only when the email address changes: password resets are sent there.</summary>
        [StringLength(200)]
        [DataType(DataType.Password)]
        [Display(Name = "Current password (to change your email address)")]
        public string? CurrentPassword { get; set; }
    }

    [BindProperty]
    public ProfileForm Profile { get; set; } = new();

    /// <summary>The photo as it is now, to show beside the field.</summary>
    public string? PhotoPath { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Profile = new ProfileForm { DisplayName = user.DisplayName, Email = user.Email ?? "", Bio = user.Bio, ProfileLinks = user.ProfileLinks };
        PhotoPath = user.PhotoPath;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        PhotoPath = user.PhotoPath;
        var (links, linksError) = AuthorProfile.CheckLinks(Profile.ProfileLinks);
        if (linksError is not null)
        {
            ModelState.AddModelError($"{nameof(Profile)}.{nameof(ProfileForm.ProfileLinks)}", linksError);
        }
        if (ModelState.IsValid && Profile.Photo is { } photo && await profiles.SetPhotoAsync(user, photo, cancellationToken) is { } photoError)
        {
            ModelState.AddModelError($"{nameof(Profile)}.{nameof(ProfileForm.Photo)}", photoError);
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
            user.ProfileLinks = links;
            if (Profile.RemovePhoto && Profile.Photo is null)
            {
                user.PhotoPath = null;
            }
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
