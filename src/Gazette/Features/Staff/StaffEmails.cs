using System.Globalization;
using System.Text.Encodings.Web;
using Gazette.Data;
using Gazette.Features.Mail;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Features.Staff;

/// <summary>
/// The two emails that hand a member of staff a password link: an invitation to a new account
/// and a password reset. Both carry an Identity password-reset token, valid for
/// <see cref="StaffIdentity.LinkLifetime"/> and spent once the password is set.
/// </summary>
public sealed class StaffEmails(UserManager<StaffUser> users, Outbox outbox, SiteAddress site, GazetteDbContext db)
{
    public const string ResetSubject = "Reset your newsroom password";

    public async Task SendInvitationAsync(StaffUser user, string role, string invitedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = await LinkAsync("/admin/welcome", user);
        outbox.Enqueue(user.Email!, "You are invited to the newsroom", string.Format(CultureInfo.InvariantCulture, """
            Hello {0},

            {1} has invited you to join the newsroom as {2}.

            Choose your password here (the link works for {3} days):
            {4}

            Your user name is {5}.
            """, user.DisplayName, invitedBy, role, StaffIdentity.LinkLifetime.Days, link, user.UserName));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SendPasswordResetAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = await LinkAsync("/admin/reset-password", user);
        outbox.Enqueue(user.Email!, ResetSubject, string.Format(CultureInfo.InvariantCulture, """
            Hello {0},

            Someone, probably you, asked to reset the password of the newsroom account {1}.
            Choose a new password here (the link works for {2} days and only once):
            {3}

            If you did not ask for this, ignore this email: your password stays as it is.
            """, user.DisplayName, user.UserName, StaffIdentity.LinkLifetime.Days, link));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string> LinkAsync(string path, StaffUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"{site.Base}{path}?user={UrlEncoder.Default.Encode(user.Id)}&token={UrlEncoder.Default.Encode(token)}";
    }
}
