using MailKit.Net.Smtp;
using MailKit.Security;

namespace Gazette.Features.Mail;

/// <summary>Connecting to the configured SMTP server, the one way the outbox and the settings page's test do it.</summary>
public static class MailTransport
{
    /// <summary>Whether a server is set at all: without one, mail waits in the outbox.</summary>
    public static bool IsConfigured(MailSettings mail) => !string.IsNullOrWhiteSpace(mail?.Host);

    public static async Task ConnectAsync(SmtpClient smtp, MailSettings mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(mail);
        await smtp.ConnectAsync(mail.Host ?? throw new InvalidOperationException("No mail server is set."), mail.Port,
            mail.UseSsl ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(mail.UserName))
        {
            await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", cancellationToken);
        }
    }
}
