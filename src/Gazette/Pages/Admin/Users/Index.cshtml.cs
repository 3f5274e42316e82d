using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Mail;
using Gazette.Features.Staff;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Admin.Users;

/// <summary>Administrators invite staff, change their roles, suspend them and send password resets.</summary>
public sealed class IndexModel(
    GazetteDbContext db, UserManager<StaffUser> users, StaffEmails emails, ChangeRole changeRole, TimeProvider clock,
    IOptionsMonitor<StaffSettings> settings, IOptionsMonitor<MailSettings> mail)
    : PageModel
{
    public sealed record Row(
        string Id, string UserName, string DisplayName, string? Email, string Role, bool TwoFactor, bool Suspended, bool Invited, int Articles);

    public sealed class InviteForm
    {
        [Required(ErrorMessage = "Enter a user name.")]
        [StringLength(100)]
        [RegularExpression(@"^[A-Za-z0-9._\-]+$", ErrorMessage = "Use letters, digits, dots, dashes and underscores only.")]
        [Display(Name = "User name")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter the name to show in bylines.")]
        [StringLength(100)]
        [Display(Name = "Name shown in bylines")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter an email address: the invitation goes there.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254)]
        public string Email { get; set; } = "";

        [Required]
        public string Role { get; set; } = StaffRoles.Author;
    }

    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    public IReadOnlyList<Row> Staff { get; private set; } = [];

    public bool TwoFactorRequired => settings.CurrentValue.RequireTwoFactor;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (!StaffRoles.All.Contains(Invite.Role))
        {
            ModelState.AddModelError("Invite.Role", "Choose one of the four roles.");
        }
        if (ModelState.IsValid)
        {
            var user = new StaffUser
            {
                UserName = Invite.UserName.Trim(),
                Email = Invite.Email.Trim(),
                DisplayName = Invite.DisplayName.Trim(),
                Slug = await Slugs.UniqueAsync(db.Users.Select(u => u.Slug), Slugs.From(Invite.DisplayName), cancellationToken),
            };
            var created = await users.CreateAsync(user);
            if (created.Succeeded)
            {
                await users.AddToRoleAsync(user, Invite.Role);
                await emails.SendInvitationAsync(user, Invite.Role, User.Identity!.Name!, cancellationToken);
                Message = Mailed($"Invitation sent to {user.Email}.");
                return RedirectToPage();
            }
            foreach (var error in created.Errors)
            {
                var field = error.Code.Contains("Email", StringComparison.Ordinal) ? "Invite.Email" : "Invite.UserName";
                ModelState.AddModelError(field, error.Description);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, CancellationToken cancellationToken)
    {
        if (await FindOtherAsync(id) is not { } user)
        {
            return NotFound();
        }
        switch (await changeRole.ExecuteAsync(user, role))
        {
            case ChangeRole.Outcome.UnknownRole:
                return BadRequest();
            case ChangeRole.Outcome.LastAdministrator:
                Message = $"{user.DisplayName} is the site's last Administrator who can sign in: make someone else an Administrator first.";
                return RedirectToPage();
            default:
                Message = $"{user.DisplayName} is now {Article(role)} {ChangeRole.RoleNamed(role)}.";
                return RedirectToPage();
        }
    }

    public async Task<IActionResult> OnPostSuspendAsync(string id, bool suspend, CancellationToken cancellationToken)
    {
        if (await FindOtherAsync(id) is not { } user)
        {
            return NotFound();
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, suspend ? DateTimeOffset.MaxValue : null);
        await users.UpdateSecurityStampAsync(user);
        Message = suspend ? $"{user.DisplayName} can no longer sign in." : $"{user.DisplayName} can sign in again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { Email: { } email } user)
        {
            return NotFound();
        }
        if (await users.HasPasswordAsync(user))
        {
            await emails.SendPasswordResetAsync(user, cancellationToken);
            Message = Mailed($"Password reset link sent to {email}.");
        }
        else
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? StaffRoles.Contributor;
            await emails.SendInvitationAsync(user, role, User.Identity!.Name!, cancellationToken);
            Message = Mailed($"Invitation sent again to {email}.");
        }
        return RedirectToPage();
    }

    /// <summary>What to say of an email just queued: sent, or waiting for a mail server.</summary>
    private string Mailed(string sent) => MailTransport.IsConfigured(mail.CurrentValue)
        ? sent
        : "No mail server is set, so the email waits in the outbox: set up mail at /admin/settings/mail and it goes out.";

    /// <summary>Nobody changes their own role or suspends themselves: a site cannot lose its last Administrator that way.</summary>
    private async Task<StaffUser?> FindOtherAsync(string id) =>
        id == users.GetUserId(User) ? null : await users.FindByIdAsync(id);

    private static string Article(string role) => role == StaffRoles.Contributor ? "a" : "an";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.Email, u.TwoFactorEnabled, u.LockoutEnd, u.PasswordHash,
                Articles = db.Articles.Count(a => a.AuthorId == u.Id),
            })
            .ToListAsync(cancellationToken);
        Staff = rows
            .Select(u => new Row(
                u.Id, u.UserName!, u.DisplayName, u.Email,
                StaffRoles.All.FirstOrDefault(r => roles.Any(x => x.UserId == u.Id && x.Name == r)) ?? "—",
                u.TwoFactorEnabled, u.LockoutEnd is { } end && end > now.AddYears(100), u.PasswordHash is null, u.Articles))
            .ToList();
    }
}
