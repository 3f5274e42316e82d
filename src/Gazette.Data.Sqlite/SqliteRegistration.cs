using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Data.Sqlite;

public static class SqliteRegistration
{
    /// <summary>Registers <see cref="GazetteDbContext"/> on a SQLite database file.</summary>
    public static IServiceCollection AddGazetteSqlite(
        this IServiceCollection services, string connectionString, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        // Pooled: a request borrows a context instead of building one.
        services.AddDbContextPool<SqliteGazetteDbContext>((sp, options) =>
        {
            options.UseSqlite(connectionString);
            configure(sp, options);
        });
        services.AddScoped<GazetteDbContext>(sp => sp.GetRequiredService<SqliteGazetteDbContext>());
        return services;
    }
}
