using Gazette.Data;
using Gazette.Data.PostgreSql;
using Gazette.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Infrastructure;

internal static class DatabaseSetup
{
    /// <summary>
    /// Registers the configured provider. Interceptors registered in DI are attached to every
    /// context, which is how tests count the queries a page issues.
    /// </summary>
    public static WebApplicationBuilder AddGazetteDatabase(this WebApplicationBuilder builder, GazetteOptions options)
    {
        void Configure(IServiceProvider sp, DbContextOptionsBuilder db) =>
            db.AddInterceptors(sp.GetServices<IInterceptor>());

        switch (options.Database.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var connectionString = builder.Configuration.GetConnectionString("Gazette");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Gazette__Database__Provider is PostgreSql but ConnectionStrings__Gazette is not set.");
                }
                builder.Services.AddGazettePostgreSql(connectionString, Configure);
                break;
            default:
                Directory.CreateDirectory(options.DataPath);
                var file = Path.Combine(options.DataPath, "gazette.db");
                builder.Services.AddGazetteSqlite($"Data Source={file};Foreign Keys=True", Configure);
                break;
        }
        return builder;
    }

    /// <summary>Brings the schema up to date before the first request is served.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // Readers keep reading while a comment is written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}
