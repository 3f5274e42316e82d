using Gazette.Data;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Infrastructure;

internal static class StaffIdentity
{
    public const string Administrator = "Administrator";
    public const string StaffPolicy = "Staff";

    public static WebApplicationBuilder AddStaffIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<GazetteDbContext>()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "gazette.staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/admin/signin";
            cookie.LogoutPath = "/admin/signout";
            cookie.AccessDeniedPath = "/admin/signin";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(Administrator));
        return builder;
    }
}
