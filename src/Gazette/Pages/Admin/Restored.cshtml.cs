using Gazette.Features.Backup;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Admin;

/// <summary>
/// A restore's progress, then its outcome, for the browser that started it (its ticket cookie) or any
/// Administrator. It needs no sign-in because the restore ends the one it was started with: the staff
/// accounts and keys are the backup's now, so the page says so and sends the Administrator to sign in.
/// </summary>
public sealed class RestoredModel(BackupJobFile jobs) : PageModel
{
    /// <summary>The running or last restore, from whichever instance runs it: the page's refresh may reach any.</summary>
    public BackupJob? Job { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var job = jobs.Current is { Kind: BackupJobKind.Restore } restore ? restore : null;
        var ticket = Request.Cookies[Backup.RestoreModel.TicketCookie];
        if (job is null && User.IsInRole(StaffRoles.Administrator))
        {
            // No restore (a backup has been made since): the Backup page says what there is.
            return RedirectToPage("/Admin/Backup/Index");
        }
        if (job is null || !(job.HasTicket(ticket) || User.IsInRole(StaffRoles.Administrator)))
        {
            // Nothing of a restore is shown to anyone else.
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }
        Job = job;
        if (job.Succeeded && job.HasTicket(ticket))
        {
            // The sign-in cookie can no longer be read; take it away with the ticket, which has served.
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            // Once: back on this page after signing in with an account from the backup, no ticket signs them out again.
            Response.Cookies.Delete(Backup.RestoreModel.TicketCookie, new CookieOptions { Path = "/admin" });
        }
        return Page();
    }
}
