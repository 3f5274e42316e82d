using System.Security.Claims;
using Gazette.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// The four staff roles, with WordPress's meanings: Contributors write drafts and submit them
/// for review; Authors also publish their own and upload media; Editors publish and edit
/// everyone's articles and moderate comments; Administrators also manage users and settings.
/// </summary>
public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Author = "Author";
    public const string Contributor = "Contributor";

    /// <summary>Most powerful first.</summary>
    public static readonly IReadOnlyList<string> All = [Administrator, Editor, Author, Contributor];
}

/// <summary>The authorization policies staff pages and actions are guarded by.</summary>
public static class StaffPolicies
{
    /// <summary>Any member of staff: the staff area itself.</summary>
    public const string Staff = "Staff";

    /// <summary>Editors and Administrators: the comment queue, everyone's articles.</summary>
    public const string Moderate = "Moderate";

    /// <summary>Authors and above: the media library.</summary>
    public const string UploadMedia = "UploadMedia";

    /// <summary>Administrators: users, roles and site settings.</summary>
    public const string ManageSite = "ManageSite";
}

/// <summary>Something that happens whenever a member of staff completes signing in (password, code or emailed link).</summary>
public interface IStaffSignedIn
{
    Task OnSignedInAsync(CookieSignedInContext context);
}

internal static class StaffIdentity
{
    /// <summary>How long an invitation or password-reset link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);

    public static WebApplicationBuilder AddStaffIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                // WordPress logins may hold spaces; accounts imported from it keep theirs.
                options.User.AllowedUserNameCharacters += " ";
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<GazetteDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserValidator<StaffUser>, StaffUserValidator>());
        builder.Services.AddSingleton<SessionCutoff>();
        builder.Services.AddHostedService<SessionCutoffRefresher>();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = LinkLifetime);

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "gazette.staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/admin/signin";
            cookie.LogoutPath = "/admin/signout";
            // Signed in but not allowed: a plain 403 (the error page explains), not a redirect.
            // To the sign-in page by path alone: an absolute address would be built from the request's Host.
            cookie.Events.OnRedirectToLogin = context =>
            {
                // A script's request (the editor's autosave) is told 401, as ASP.NET Core's own handler does.
                if (string.Equals(context.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }
                var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
                context.Response.Redirect(target);
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // The cookie's security stamp is compared with the account's on every request (one small
            // query), so a demotion, a suspension, a deletion, a new password, two-factor turned off or
            // a sign-out elsewhere (each renews the stamp) ends every session at its next request.
            // Identity's own check, which also refreshes the claims, still runs every 30 minutes.
            var identityCheck = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var principal = context.Principal;
                var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                var services = context.HttpContext.RequestServices;
                var stamp = principal?.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
                var db = services.GetRequiredService<GazetteDbContext>();
                var account = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id)
                    .Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
                // A restore from a backup ends every session begun before it, whoever's (see SessionCutoff).
                if (account is null || stamp is null || account.SecurityStamp != stamp || account.LockoutEnd > DateTimeOffset.UtcNow
                    || services.GetRequiredService<SessionCutoff>().HasEnded(context.Properties))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await identityCheck(context);
            };
            cookie.Events.OnSigningIn = context =>
            {
                SessionCutoff.NoteSignIn(context.Properties, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
                return Task.CompletedTask;
            };
            cookie.Events.OnSignedIn = async context =>
            {
                foreach (var observer in context.HttpContext.RequestServices.GetServices<IStaffSignedIn>())
                {
                    await observer.OnSignedInAsync(context);
                }
            };
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, policy => policy.RequireRole(StaffRoles.All))
            .AddPolicy(StaffPolicies.Moderate, policy => policy.RequireRole(StaffRoles.Administrator, StaffRoles.Editor))
            .AddPolicy(StaffPolicies.UploadMedia, policy => policy.RequireRole(StaffRoles.Administrator, StaffRoles.Editor, StaffRoles.Author))
            .AddPolicy(StaffPolicies.ManageSite, policy => policy.RequireRole(StaffRoles.Administrator));
        return builder;
    }

    /// <summary>Creates any of the four roles that is missing; run at every start.</summary>
    public static async Task EnsureStaffRolesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                }
            }
        }
    }
}

/// <summary>
/// Identity's own checks of an account (a user name of allowed characters, unique; a unique, valid email),
/// with one allowance: an account brought over from another system may have no email address. It cannot
/// be sent a link until an Administrator gives it one; the staff forms ask for an address themselves.
/// </summary>
internal sealed class StaffUserValidator(IdentityErrorDescriber describer) : UserValidator<StaffUser>(describer)
{
    public override async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        var result = await base.ValidateAsync(manager, user);
        if (result.Succeeded || user.Email is not null)
        {
            return result;
        }
        var errors = result.Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.InvalidEmail)).ToArray();
        return errors.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(errors);
    }
}
