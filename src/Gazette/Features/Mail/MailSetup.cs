namespace Gazette.Features.Mail;

internal static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailSettings>(configuration.GetSection(MailSettings.Section));
        services.AddSingleton<MailPassword>();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<MailSettings>>(sp => sp.GetRequiredService<MailPassword>());
        services.AddScoped<SendTestMail>();
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<OutboxDepth>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
