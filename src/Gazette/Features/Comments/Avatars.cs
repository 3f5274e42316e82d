using System.Security.Cryptography;
using System.Text;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Comments;

/// <summary>
/// Seeds for the avatars drawn next to comments. Never Gravatar: an email's unkeyed hash is as good
/// as the email to anyone with a list of addresses. The seed is an HMAC under a secret the site keeps
/// in its database, made on first use.
/// </summary>
public sealed class Avatars(IServiceScopeFactory scopes)
{
    private const string SecretName = "avatar-hmac";

    private byte[]? _key;

    public async Task<string> SeedForAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var key = _key ??= await LoadOrCreateKeyAsync(cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()));
        return Convert.ToHexStringLower(mac, 0, 12);
    }

    private async Task<byte[]> LoadOrCreateKeyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        if (await db.SiteSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == SecretName, cancellationToken) is { } found)
        {
            return found.Value;
        }
        db.SiteSecrets.Add(new SiteSecret { Name = SecretName, Value = RandomNumberGenerator.GetBytes(32) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance made it first: use theirs.
        }
        await using var fresh = scopes.CreateAsyncScope();
        return await fresh.ServiceProvider.GetRequiredService<GazetteDbContext>().SiteSecrets.AsNoTracking()
            .Where(s => s.Name == SecretName).Select(s => s.Value).SingleAsync(cancellationToken);
    }
}
