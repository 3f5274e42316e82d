using System.Collections.Concurrent;

namespace Gazette.Features.Backup;

/// <summary>
/// The backup or restore this instance is running, waited for when the site stops. The stop has cancelled it by
/// then (it runs on <c>ApplicationStopping</c>); what it does on being cancelled (a restore's media folder renamed
/// back, its job's state shared as failed, a half-written archive deleted) must be over before the process ends.
/// </summary>
public sealed class RunningBackupTasks : IHostedService
{
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <summary>Runs <paramref name="work"/> in the background; it must catch its own failures.</summary>
    public void Run(Func<Task> work)
    {
        var task = Task.Run(work, CancellationToken.None);
        _running[task] = true;
        _ = task.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout: it goes on stopping without them.
        }
    }
}
