using System.Security.Claims;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Media;

/// <summary>
/// Changes a library image's alt text, caption and credit, for someone <see cref="MediaPermissions"/>
/// lets manage it. Articles that already show the image keep their own copy.
/// </summary>
public sealed class DescribeMedia(GazetteDbContext db, IAuthorizationService authorization)
{
    public enum Outcome
    {
        Saved,
        NotFound,
        Forbidden,
    }

    public async Task<Outcome> ExecuteAsync(int id, MediaDescription description, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(description);
        var item = await db.MediaItems.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return Outcome.NotFound;
        }
        if (!(await authorization.AuthorizeAsync(user, item, MediaPermissions.Manage)).Succeeded)
        {
            return Outcome.Forbidden;
        }
        item.AltText = Blank(description.AltText);
        item.Caption = Blank(description.Caption);
        item.Credit = Blank(description.Credit);
        item.Description = Blank(description.Description);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Saved;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
