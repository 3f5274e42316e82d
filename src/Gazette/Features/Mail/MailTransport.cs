using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Gazette.Infrastructure;
using MimeKit;

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

/// <summary>
/// The SMTP password as the settings page stores it: encrypted with the site's Data Protection keys
/// (<c>protected:</c> and the payload), so the database alone does not give it away, and decrypted
/// for <see cref="MailSettings"/> when configuration is read. A password set in the environment
/// (<c>Gazette__Mail__Password</c>) is used as it is.
/// </summary>
public sealed class MailPassword(IDataProtectionProvider protection, ILogger<MailPassword> logger) : IPostConfigureOptions<MailSettings>
{
    private const string Prefix = "protected:";

    private IDataProtector Protector => protection.CreateProtector("Gazette.Mail.Password");

    public string Protect(string password) => Prefix + Protector.Protect(password);

    public void PostConfigure(string? name, MailSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Password is { } stored && stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            try
            {
                options.Password = Protector.Unprotect(stored[Prefix.Length..]);
            }
            catch (CryptographicException e)
            {
                // Keys lost (a restore without them): say so, and sign in without a password rather than with the ciphertext.
                logger.LogWarning(e, "The stored mail password could not be decrypted with this site's keys; enter it again in the mail settings.");
                options.Password = null;
            }
        }
    }
}

/// <summary>Sends one message now, not through the outbox, and reports what the server answered: the settings page's test.</summary>
public sealed class SendTestMail(IOptionsMonitor<MailSettings> settings, IOptionsMonitor<GazetteOptions> options)
{
    public sealed record Result(bool Sent, string Answer);

    public async Task<Result> ExecuteAsync(string to, CancellationToken cancellationToken)
    {
        var mail = settings.CurrentValue;
        if (!MailTransport.IsConfigured(mail))
        {
            return new Result(false, "No mail server is set.");
        }
        var message = new MimeMessage();
        try
        {
            message.From.Add(MailboxAddress.Parse(mail.From));
            message.To.Add(MailboxAddress.Parse(to));
        }
        catch (ParseException e)
        {
            return new Result(false, $"An address is not valid: {e.Message}");
        }
        var title = options.CurrentValue.Site.Title;
        message.Subject = $"Test email from {title}";
        message.Body = new TextPart("plain")
        {
            Text = $"This is a test from the mail settings of {title}. If you can read it, the site can send email.",
        };
        using var smtp = new SmtpClient { Timeout = 20_000 };
        try
        {
            await MailTransport.ConnectAsync(smtp, mail, cancellationToken);
            var answer = await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return new Result(true, answer);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Result(false, e.Message);
        }
    }
}
