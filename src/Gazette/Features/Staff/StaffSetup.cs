namespace Gazette.Features.Staff;

internal static class StaffSetup
{
    public static IServiceCollection AddStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StaffSettings>(configuration.GetSection(StaffSettings.Section));
        services.AddScoped<StaffEmails>();
        services.AddScoped<Authenticator>();
        services.AddScoped<ConfirmIdentity>();
        return services;
    }
}
