namespace Gazette.Features.Backup;

public static class BackupSetup
{
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddScoped<CreateBackup>();
        services.AddScoped<RestoreBackup>();
        services.AddSingleton<StoredBackups>();
        services.AddSingleton<BackupJobFile>();
        services.AddSingleton<BackupJobs>();
        services.AddSingleton<RestoreJobs>();
        services.AddSingleton<RunningBackupTasks>();
        services.AddHostedService(provider => provider.GetRequiredService<RunningBackupTasks>());
        services.AddHostedService<BackupLeftovers>();
        return services;
    }
}
