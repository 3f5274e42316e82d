namespace Gazette.Features.WordPress;

internal static class WordPressSetup
{
    public static IServiceCollection AddWordPress(this IServiceCollection services)
    {
        services.AddOptions<WordPressSettings>()
            .BindConfiguration(WordPressSettings.Section)
            .Validate(s => s.MaxUnpackedMegabytes > 0 && s.MaxUnpackedFiles > 0 && s.MinFreeDiskMegabytes >= 0,
                $"{WordPressSettings.Section}: MaxUnpackedMegabytes and MaxUnpackedFiles must be at least 1, and MinFreeDiskMegabytes at least 0.")
            // Well above the once-a-second heartbeat, or a busy instance would lose its job to another while it runs it.
            .Validate(s => s.ImportQuietSeconds >= 5, $"{WordPressSettings.Section}:ImportQuietSeconds must be at least 5.")
            .ValidateOnStart();
        services.AddScoped<ImportWordPress>();
        services.AddScoped<ExportWordPress>();
        services.AddSingleton<WordPressImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<WordPressImportJobs>());
        services.AddScoped<ExportWordPressDownload>();
        services.AddTransient<OldSiteDownloads>();
        services.AddHttpClient(OldSiteDownloads.ClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(60);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Gazette-WordPress-import");
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var allowPrivate = provider.GetRequiredService<IConfiguration>().GetValue<bool>(OldSiteDownloads.AllowPrivateAddressesSetting);
                return new SocketsHttpHandler
                {
                    ConnectCallback = (context, cancellationToken) => OldSiteDownloads.ConnectPubliclyAsync(context, allowPrivate, cancellationToken),
                    MaxAutomaticRedirections = 5,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                };
            });
        return services;
    }
}
