using Gazette.Infrastructure;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gazette.Features.Mail;

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
