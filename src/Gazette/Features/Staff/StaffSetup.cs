using Gazette.Infrastructure;

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
        services.AddSingleton<IStaffSignedIn>(provider => provider.GetRequiredService<StaffDevice>());
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<ConfirmIdentity>();
        services.AddScoped<ChangeRole>();
        services.AddScoped<AuthorProfile>();
        return services;
    }
}
