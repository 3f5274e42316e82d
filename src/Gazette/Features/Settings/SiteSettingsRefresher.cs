namespace Gazette.Features.Settings;

/// <summary>
/// With several app instances on one PostgreSQL database, a save on one instance reaches the
/// others through this: every <see cref="Interval"/> it compares the stored settings' version
/// number with the one it holds (one indexed single-row read) and reloads when they differ.
/// The instance that saved applies the change at once; the others within the interval.
/// </summary>
public sealed class SiteSettingsRefresher(SiteSettingsStore store, TimeProvider clock, ILogger<SiteSettingsRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await store.RefreshAsync(stoppingToken))
                {
                    logger.LogInformation("Site settings changed on another instance; reloaded them.");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unreachable database: keep the settings held and try again.
                logger.LogWarning(e, "Checking for changed site settings failed; will retry.");
            }
        }
    }
}
