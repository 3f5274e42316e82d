using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

public sealed class PasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string Current { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least {2} characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string New { get; set; } = "";

    [BindProperty]
    [Compare(nameof(New), ErrorMessage = "The two new passwords differ.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password, again")]
    public string Confirm { get; set; } = "";

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
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
            var result = await users.ChangePasswordAsync(user, Current, New);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                Message = "Password changed.";
                return RedirectToPage("/Admin/Account");
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(
                    error.Code == "PasswordMismatch" ? nameof(Current) : nameof(New),
                    error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
