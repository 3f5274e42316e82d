using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>
/// Forgets commenters' (already truncated) addresses once they are older than
/// <see cref="CommentSettings.IpRetentionDays"/>: soon after start-up, then every hour.
/// </summary>
public sealed class PurgeOldAddresses(
    IServiceScopeFactory scopes, IOptionsMonitor<CommentSettings> settings, TimeProvider clock, ILogger<PurgeOldAddresses> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <returns>How many comments lost their address.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var days = settings.CurrentValue.IpRetentionDays;
        if (days <= 0)
        {
            return 0;
        }
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        return await db.Comments
            .Where(c => c.AuthorIp != null && c.CreatedAt < cutoff)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.AuthorIp, (string?)null), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var purged = await RunOnceAsync(stoppingToken);
                if (purged > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Forgot the addresses of {Count} comments older than the retention period.", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unreachable database: try again at the next tick.
                logger.LogWarning(e, "Purging old comment addresses failed; will retry.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
