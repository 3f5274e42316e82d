using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gazette.Data.PostgreSql;

public static class PostgreSqlRegistration
{
    /// <summary>Registers <see cref="GazetteDbContext"/> on a PostgreSQL database.</summary>
    public static IServiceCollection AddGazettePostgreSql(
        this IServiceCollection services, string connectionString, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        // Pooled: a request borrows a context instead of building one.
        services.AddDbContextPool<PostgreSqlGazetteDbContext>((sp, options) =>
        {
            options.UseNpgsql(WithPreparedStatements(connectionString));
            configure(sp, options);
        });
        services.AddScoped<GazetteDbContext>(sp => sp.GetRequiredService<PostgreSqlGazetteDbContext>());
        return services;
    }

    /// <summary>
    /// Defaults for a web site's many short reads, each kept where the connection string chooses
    /// otherwise: automatic preparation (a page's few statements are planned once per connection,
    /// not on every view), and no reset of a pooled connection's session on its return (Gazette
    /// sets no session state; the reset cost a round trip per query).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!Names(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static bool Names(string connectionString, params string[] keys) =>
        keys.Any(key => connectionString.Contains(key, StringComparison.OrdinalIgnoreCase));
}
