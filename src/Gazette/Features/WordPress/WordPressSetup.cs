namespace Gazette.Features.WordPress;

internal static class WordPressSetup
{
    public static IServiceCollection AddWordPress(this IServiceCollection services)
    {
        services.AddScoped<ImportWordPress>();
        services.AddScoped<ExportWordPress>();
        services.AddSingleton<WordPressImportJobs>();
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
