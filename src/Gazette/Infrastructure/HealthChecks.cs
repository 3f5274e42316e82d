using Gazette.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Infrastructure;

/// <summary>
/// What a load balancer or an orchestrator asks: <c>/healthz</c>, whether the process answers at all
/// (no check runs: a busy database must not get a live instance restarted), and <c>/healthz/ready</c>,
/// whether it can serve the site: the database answers and has every migration. Both answer 200 or
/// 503 with one word, are never cached, and name nothing of the set-up.
/// </summary>
internal static class HealthChecks
{
    public const string AlivePath = "/healthz";
    public const string ReadyPath = "/healthz/ready";

    /// <summary>The tag of the checks <see cref="ReadyPath"/> runs; other features add theirs with it.</summary>
    public const string Ready = "ready";

    public static IServiceCollection AddGazetteHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        return services;
    }

    public static WebApplication MapGazetteHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }

    /// <summary>The database answers, and its schema is the one this build expects.</summary>
    private sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    return HealthCheckResult.Unhealthy("The database does not answer.");
                }
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                return pending == 0
                    ? HealthCheckResult.Healthy("The database answers and its schema is current.")
                    : HealthCheckResult.Unhealthy($"{pending} database migration(s) not applied yet.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The readiness check could not reach the database.");
                return HealthCheckResult.Unhealthy("The database could not be reached.");
            }
        }
    }
}
