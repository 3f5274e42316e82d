using System.Security.Claims;
using Gazette.Data;
using Gazette.Infrastructure;

namespace Gazette.Features.Articles;

/// <summary>
/// Who may do what to an article, by role and authorship (WordPress's rules): Editors and
/// Administrators everything; Authors their own articles, published or not; Contributors
/// their own until they are published, and never publish. Static pages are the site's own, not
/// anyone's byline: only Editors and Administrators write them. So are the categories and the
/// home page's sticky articles.
/// </summary>
public static class ArticlePermissions
{
    public static bool CanEditEveryone(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(StaffRoles.Administrator) || user.IsInRole(StaffRoles.Editor);
    }

    /// <summary>May publish (or schedule) articles they may edit.</summary>
    public static bool CanPublish(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CanEditEveryone(user) || user.IsInRole(StaffRoles.Author);
    }

    /// <summary>May create and edit static pages.</summary>
    public static bool CanManagePages(ClaimsPrincipal user) => CanEditEveryone(user);

    /// <summary>May add categories (everyone who writes may file an article under existing ones).</summary>
    public static bool CanManageCategories(ClaimsPrincipal user) => CanEditEveryone(user);

    /// <summary>May keep an article at the top of the home page, or take it off.</summary>
    public static bool CanMakeSticky(ClaimsPrincipal user) => CanEditEveryone(user);

    /// <summary>May read an article published for staff only (WordPress's private posts): Editors, Administrators and its author.</summary>
    public static bool CanReadPrivate(ClaimsPrincipal user, string authorId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CanEditEveryone(user) || (authorId.Length > 0 && authorId == user.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    /// <summary>
    /// May read a password-protected article without its password: staff who may edit it once
    /// published (Editors and Administrators; its author when an Author; a page, Editors only).
    /// </summary>
    public static bool CanReadProtected(ClaimsPrincipal user, ArticleKind kind, string authorId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CanEditEveryone(user)
            || (kind == ArticleKind.Post && user.IsInRole(StaffRoles.Author) && authorId.Length > 0
                && authorId == user.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    public static bool CanEdit(ClaimsPrincipal user, Article article)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(article);
        if (CanEditEveryone(user))
        {
            return true;
        }
        if (article.Kind == ArticleKind.Page)
        {
            return false;
        }
        if (article.AuthorId != user.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return false;
        }
        return user.IsInRole(StaffRoles.Author)
            || (user.IsInRole(StaffRoles.Contributor) && article.Status is ArticleStatus.Draft or ArticleStatus.Pending);
    }
}
