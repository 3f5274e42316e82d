using System.Security.Claims;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Media;

/// <summary>An article that shows a library image.</summary>
public sealed record MediaUse(int ArticleId, string Title, bool AsFeaturedImage);

/// <summary>
/// Removes an image from the library with all its files, unless an article still shows it: as
/// its featured image (at any of the image's addresses) or in its text; and only for someone
/// <see cref="MediaPermissions"/> lets manage it.
/// </summary>
public sealed class DeleteMedia(GazetteDbContext db, MediaStore store, IAuthorizationService authorization)
{
    public enum Outcome
    {
        Deleted,
        NotFound,
        InUse,
        Forbidden,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<MediaUse> UsedBy, string? FileName = null);

    public async Task<Result> ExecuteAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var item = await db.MediaItems.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return new Result(Outcome.NotFound, []);
        }
        if (!(await authorization.AuthorizeAsync(user, item, MediaPermissions.Manage)).Succeeded)
        {
            return new Result(Outcome.Forbidden, []);
        }
        var uses = await UsesAsync(db, item, cancellationToken);
        if (uses.Count > 0)
        {
            return new Result(Outcome.InUse, uses);
        }
        var addresses = Addresses(item);
        db.MediaItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        // Files after the row: a crash in between leaves files nobody links to, never a row without files.
        foreach (var address in addresses)
        {
            store.Delete(address);
        }
        return new Result(Outcome.Deleted, [], item.OriginalFileName);
    }

    /// <summary>The articles showing <paramref name="item"/>, most recently updated first.</summary>
    public static async Task<IReadOnlyList<MediaUse>> UsesAsync(GazetteDbContext db, MediaItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(item);
        var addresses = Addresses(item);
        return await db.Articles.AsNoTracking()
            .Where(a => (a.FeaturedImageUrl != null && addresses.Contains(a.FeaturedImageUrl)) || a.Body.Contains(item.Path))
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new MediaUse(a.Id, a.Title, a.FeaturedImageUrl != null && addresses.Contains(a.FeaturedImageUrl)))
            .ToListAsync(cancellationToken);
    }

    private static List<string> Addresses(MediaItem item) => [item.Path, .. item.Variants.Select(v => v.Path)];
}
