using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Data.PostgreSql;

public static class PostgreSqlRegistration
{
    /// <summary>Registers <see cref="GazetteDbContext"/> on a PostgreSQL database.</summary>
    public static IServiceCollection AddGazettePostgreSql(
        this IServiceCollection services, string connectionString, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.AddDbContext<PostgreSqlGazetteDbContext>((sp, options) =>
        {
            options.UseNpgsql(connectionString);
            configure(sp, options);
        });
        services.AddScoped<GazetteDbContext>(sp => sp.GetRequiredService<PostgreSqlGazetteDbContext>());
        return services;
    }
}
