using System.Threading.Channels;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>
/// Publishes scheduled articles when their time comes. It sleeps until the next one is due but
/// never longer than <see cref="MaxWait"/>, so it also sees articles scheduled on other instances;
/// scheduling one on this instance wakes it at once. Any number of instances may run it: each
/// article flips with a conditional UPDATE (… WHERE Status = Scheduled), which only one of them wins.
/// </summary>
public sealed class PublishScheduledArticles(
    IServiceScopeFactory scopes, TimeProvider clock, GazetteMetrics metrics, ILogger<PublishScheduledArticles> logger)
    : BackgroundService
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    // One check at a time on this instance: a caller of PublishDueAsync returns once an article
    // the loop is flipping is out, its pages evicted included.
    private readonly SemaphoreSlim _checking = new(1, 1);

    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes once the loop has begun. Since .NET 10 the host starts a background service's loop
    /// on the thread pool, and stopping the service before the loop began leaves a cancelled task,
    /// which the host takes for a crash and stops the whole app for: whoever stops this service on
    /// its own (tests that drive the publisher by hand) waits for this first.
    /// </summary>
    public Task Running => _running.Task;

    /// <summary>An article was scheduled here: look again now rather than at the next check.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Publishes every scheduled article whose time has come.</summary>
    /// <returns>The ids of the articles this call published (not those another instance got to first).</returns>
    public async Task<IReadOnlyList<int>> PublishDueAsync(CancellationToken cancellationToken) =>
        (await CheckAsync(cancellationToken)).Published;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running.TrySetResult();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = MaxWait;
            try
            {
                var (_, nextDue) = await CheckAsync(stoppingToken);
                if (nextDue is { } due)
                {
                    wait = TimeSpan.FromTicks(Math.Clamp((due - clock.GetUtcNow().UtcDateTime).Ticks, 0, MaxWait.Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped mid-check. The host only forgives a cancelled loop when the host itself
                // is stopping; ending quietly keeps a stop of this service alone from stopping the app.
                return;
            }
            catch (Exception e)
            {
                // A busy or briefly unreachable database: try again at the next check.
                metrics.ScheduledCheckFailed();
                logger.LogWarning(e, "Publishing scheduled articles failed; will retry.");
            }
            await SleepAsync(wait, stoppingToken);
        }
    }

    /// <returns>What this call published, and when the next scheduled article within <see cref="MaxWait"/> is due.</returns>
    private async Task<(IReadOnlyList<int> Published, DateTime? NextDue)> CheckAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            return await CheckOnceAsync(cancellationToken);
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<(IReadOnlyList<int> Published, DateTime? NextDue)> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now + MaxWait;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var soon = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= horizon)
            .OrderBy(a => a.PublishedAt)
            .Select(a => new { a.Id, a.Title, At = a.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        var published = new List<int>();
        foreach (var article in soon.Where(a => a.At <= now))
        {
            // Changes nothing when another instance (or an editor) got there first.
            var flipped = await db.Articles
                .Where(a => a.Id == article.Id && a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, ArticleStatus.Published), cancellationToken);
            if (flipped == 1)
            {
                published.Add(article.Id);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Published the scheduled article {ArticleId} \"{Title}\".", article.Id, article.Title);
                }
            }
        }
        metrics.ScheduledPublished(published.Count);
        await scope.ServiceProvider.GetRequiredService<PageCacheInvalidation>().ArticlesChangedAsync(db, published, cancellationToken);
        return (published, soon.FirstOrDefault(a => a.At > now)?.At);
    }

    public override void Dispose()
    {
        _checking.Dispose();
        base.Dispose();
    }

    private async Task SleepAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(Task.Delay(wait, clock, sleep.Token), _wake.Reader.WaitToReadAsync(sleep.Token).AsTask());
        await sleep.CancelAsync();
        _wake.Reader.TryRead(out _);
    }
}
