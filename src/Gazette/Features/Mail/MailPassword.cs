using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Mail;

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
