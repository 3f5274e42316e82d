using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin;

/// <summary>
/// Asks for a password-reset email. The answer is the same whether or not an account matches,
/// so the page does not tell strangers who works here; one email per address every few minutes.
/// </summary>
public sealed class ForgotPasswordModel(
    UserManager<StaffUser> users, StaffEmails emails, GazetteDbContext db, TimeProvider clock) : PageModel
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);

    [BindProperty]
    [Required(ErrorMessage = "Enter your user name or email address.")]
    [StringLength(256)]
    [Display(Name = "User name or email")]
    public string UserName { get; set; } = "";

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
        var name = UserName.Trim();
        var user = await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        if (user?.Email is { } email && !email.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
        {
            var since = clock.GetUtcNow().UtcDateTime - Quiet;
            var recent = await db.Outbox.AnyAsync(m => m.To == email && m.Subject == StaffEmails.ResetSubject && m.CreatedAt > since, cancellationToken);
            if (!recent)
            {
                await emails.SendPasswordResetAsync(user, cancellationToken);
            }
        }
        Sent = true;
        return Page();
    }
}
