using System.ComponentModel.DataAnnotations;
using Gazette.Features.Comments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Comments;

/// <summary>Where a commenter asks for a copy or erasure of their data: a link goes to their email.</summary>
public sealed class MyDataModel(PersonalData personalData, CommentRateLimits rateLimits) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Please enter the email address you comment with.")]
    [StringLength(254)]
    [EmailSyntax]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var email = Email!.Trim().ToLowerInvariant();
        if (!await rateLimits.TryTakeAsync(IpAddresses.Truncate(HttpContext.Connection.RemoteIpAddress), email))
        {
            ModelState.AddModelError(nameof(Email), "Several requests came for this address or from your network just now. Please try again in a few minutes.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        // The same answer whether or not anything is stored: the page must not tell.
        await personalData.RequestAsync(email, cancellationToken);
        Sent = true;
        return Page();
    }
}
