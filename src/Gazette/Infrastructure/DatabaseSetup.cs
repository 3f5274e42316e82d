using Gazette.Data;
using Gazette.Data.PostgreSql;
using Gazette.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

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
        await KeysFromFolderAsync(db, Path.Combine(app.Services.GetRequiredService<IOptions<GazetteOptions>>().Value.DataPath, "keys"));
        if (db.Database.IsSqlite())
        {
            // Readers keep reading while a comment is written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await db.RefreshStatisticsAsync(CancellationToken.None);
    }

    /// <summary>
    /// Sites from before keys lived in the database kept them as files under <c>keys/</c> in the data folder:
    /// brought in once, when the database has none, so that signed-in staff, links already emailed and the
    /// stored mail password keep working. The files are left where they are.
    /// </summary>
    private static async Task KeysFromFolderAsync(GazetteDbContext db, string folder)
    {
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync())
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml"))
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = await File.ReadAllTextAsync(file) });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Gives SQLite's query planner the sizes of tables and indexes (<c>PRAGMA optimize</c>: only tables
    /// never measured, or grown or shrunk 25-fold since, are measured again; about a second for a site of
    /// 100,000 articles and 1,000,000 comments), once the schema is current and after an import. Without
    /// them it guesses, and on a large site it guesses wrong: a sitemap file of 1,000 ids read through the
    /// published-posts index scans every post instead of one range of the table. Sampled statistics
    /// (<c>analysis_limit</c>) mislead it the same way. PostgreSQL's autovacuum keeps its own statistics.
    /// </summary>
    public static async Task RefreshStatisticsAsync(this GazetteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
    }
}
