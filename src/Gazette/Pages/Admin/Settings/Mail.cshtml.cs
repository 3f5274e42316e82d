using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Gazette.Data;
using Gazette.Features.Mail;
using Gazette.Features.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gazette.Pages.Admin.Settings;

/// <summary>
/// <c>/admin/settings/mail</c>: the SMTP server the site sends its email through (password resets,
/// invitations, reply notifications, moderators' notices), and a test that sends one message now
/// and shows what the server answered.
/// </summary>
public sealed class MailModel(
    SiteSettingsStore store, IOptionsMonitor<MailSettings> mail, MailPassword passwords, SendTestMail sendTestMail,
    UserManager<StaffUser> users) : PageModel
{
    private const string Section = MailSettings.Section + ":";

    public sealed class MailForm
    {
        [StringLength(255)]
        [Display(Name = "SMTP server")]
        public string? Host { get; set; }

        [Range(1, 65535, ErrorMessage = "Enter a port from 1 to 65535 (587 for STARTTLS, 465 for TLS).")]
        public int Port { get; set; } = 587;

        [Display(Name = "TLS from the first byte (port 465); otherwise STARTTLS when the server offers it")]
        public bool UseSsl { get; set; }

        [StringLength(255)]
        [Display(Name = "User name")]
        public string? UserName { get; set; }

        [StringLength(500)]
        [DataType(DataType.Password)]
        [Display(Name = "Password (leave empty to keep the one saved)")]
        public string? Password { get; set; }

        [Display(Name = "Remove the saved password")]
        public bool ClearPassword { get; set; }

        [Required(ErrorMessage = "Enter the address mail is sent from, such as The Gazette <news@example.com>.")]
        [StringLength(300)]
        [Display(Name = "Sent from")]
        public string From { get; set; } = "";
    }

    [BindProperty]
    public MailForm Form { get; set; } = new();

    public bool HasPassword { get; private set; }

    public bool IsConfigured { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? TestAnswer { get; set; }

    [TempData]
    public bool TestSent { get; set; }

    public void OnGet()
    {
        var current = mail.CurrentValue;
        Form = new MailForm
        {
            Host = current.Host, Port = current.Port, UseSsl = current.UseSsl, UserName = current.UserName, From = current.From,
        };
        Describe();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(Form.From ?? "", out _))
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(MailForm.From)}", "Enter one email address, with a name if you like: The Gazette <news@example.com>.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Describe();
            return Page();
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Section + nameof(MailSettings.Host)] = Form.Host?.Trim() ?? "",
            [Section + nameof(MailSettings.Port)] = Form.Port.ToString(CultureInfo.InvariantCulture),
            [Section + nameof(MailSettings.UseSsl)] = Form.UseSsl ? "true" : "false",
            [Section + nameof(MailSettings.UserName)] = Form.UserName?.Trim() ?? "",
            [Section + nameof(MailSettings.From)] = (Form.From ?? "").Trim(),
        };
        if (Form.ClearPassword)
        {
            values[Section + nameof(MailSettings.Password)] = "";
        }
        else if (!string.IsNullOrEmpty(Form.Password))
        {
            values[Section + nameof(MailSettings.Password)] = passwords.Protect(Form.Password);
        }
        await store.SaveAsync(values, [], cancellationToken);
        Message = string.IsNullOrWhiteSpace(Form.Host)
            ? "Mail settings saved. No server is set, so email waits in the outbox."
            : "Mail settings saved. Send a test email to check them.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        var me = await users.GetUserAsync(User);
        if (me?.Email is not { Length: > 0 } email)
        {
            TestSent = false;
            TestAnswer = "Your account has no email address to send the test to.";
            return RedirectToPage();
        }
        var result = await sendTestMail.ExecuteAsync(email, cancellationToken);
        TestSent = result.Sent;
        TestAnswer = result.Sent ? $"Sent to {email}. The server answered: {result.Answer}" : $"Not sent. {result.Answer}";
        return RedirectToPage();
    }

    private void Describe()
    {
        HasPassword = !string.IsNullOrEmpty(mail.CurrentValue.Password);
        IsConfigured = MailTransport.IsConfigured(mail.CurrentValue);
    }
}
