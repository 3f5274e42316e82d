using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Staff;

internal static class StaffSetup
{
    public static IServiceCollection AddStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StaffSettings>(configuration.GetSection(StaffSettings.Section));
        services.AddScoped<StaffEmails>();
        services.AddScoped<Authenticator>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<StaffDevice>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, StaffDevice.Hook>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<ConfirmIdentity>();
        return services;
    }
}
