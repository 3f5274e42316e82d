namespace Gazette.Features.Mail;

/// <summary>The <c>Gazette:Mail</c> section: the SMTP server that sends the site's email.</summary>
public sealed class MailSettings
{
    public const string Section = "Gazette:Mail";

    /// <summary>Empty: mail waits in the outbox until a server is configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it.</summary>
    public bool UseSsl { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    public string From { get; set; } = "Gazette <gazette@localhost>";
}
