using System.Security.Claims;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Gazette.Features.Media;

/// <summary>
/// Who may change a library image (its alt text, caption and credit) or delete it, as in
/// WordPress: Editors and Administrators any image; Authors those they uploaded. Using an image
/// in an article is not a change to it: whoever may open the library may pick any image.
/// </summary>
public sealed class MediaPermissions : AuthorizationHandler<MediaPermissions.Requirement, MediaItem>
{
    /// <summary>Describe or delete the image.</summary>
    public static readonly Requirement Manage = new();

    public sealed class Requirement : IAuthorizationRequirement;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement, MediaItem resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var uploader = resource.UploadedById;
        if (user.IsInRole(StaffRoles.Administrator) || user.IsInRole(StaffRoles.Editor)
            || (user.IsInRole(StaffRoles.Author) && uploader is not null && uploader == user.FindFirstValue(ClaimTypes.NameIdentifier)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
