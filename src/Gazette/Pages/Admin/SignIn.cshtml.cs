using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Gazette.Features.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

public sealed class SignInModel(PasswordSignIn passwordSignIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your user name or email address.")]
    [Display(Name = "User name or email")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await passwordSignIn.ExecuteAsync(HttpContext, UserName, Password, RememberMe);
        switch (result.Outcome)
        {
            case PasswordSignIn.Outcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
            case PasswordSignIn.Outcome.RequiresTwoFactor:
                return RedirectToPage("SignInTwoFactor", new { ReturnUrl, RememberMe });
            case PasswordSignIn.Outcome.Wait:
                var seconds = (int)Math.Ceiling(result.Wait.TotalSeconds);
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                ModelState.AddModelError("", $"Too many failed sign-ins from here or for this name. Wait {Duration(seconds)} and try again, or reset your password by email.");
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            case PasswordSignIn.Outcome.LockedOut:
                ModelState.AddModelError("", "Too many wrong codes or passwords were tried for this account: it is locked for a few minutes. Try again later.");
                break;
            case PasswordSignIn.Outcome.Suspended:
                ModelState.AddModelError("", "This account is suspended. An Administrator can let you sign in again.");
                break;
            default:
                ModelState.AddModelError("", "That user name and password do not match.");
                break;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string Duration(int seconds) =>
        seconds switch
        {
            1 => "a second",
            < 120 => $"{seconds} seconds",
            _ => $"{(int)Math.Ceiling(seconds / 60.0)} minutes",
        };
}
