using Gazette.Infrastructure;

namespace Gazette.Features.Settings;

internal static class SettingsSetup
{
    /// <summary>
    /// Adds the settings saved from the settings page as the last configuration source, so they win
    /// over appsettings.json and environment variables. Call after every other configuration source.
    /// </summary>
    public static WebApplicationBuilder AddSiteSettings(this WebApplicationBuilder builder, GazetteOptions options)
    {
        var stored = new SiteSettingsConfiguration();
        ((IConfigurationBuilder)builder.Configuration).Add(stored);
        builder.Services.AddSingleton(stored);
        builder.Services.AddSingleton<SiteSettingsStore>();
        builder.Services.AddSingleton<SiteTime>();
        builder.Services.AddSingleton<RememberSiteAddress>();
        builder.Services.AddSingleton<IStaffSignedIn>(provider => provider.GetRequiredService<RememberSiteAddress>());
        if (options.Database.Provider == DatabaseProvider.PostgreSql)
        {
            // Only a shared PostgreSQL database can have other instances that save settings.
            builder.Services.AddHostedService<SiteSettingsRefresher>();
        }
        return builder;
    }

    /// <summary>Reads the stored settings; the table exists once migrations have run.</summary>
    public static Task LoadSiteSettingsAsync(this WebApplication app) =>
        app.Services.GetRequiredService<SiteSettingsStore>().LoadAsync(app.Lifetime.ApplicationStopping);
}
