using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Features.WordPress;

/// <summary>
/// Runs an import started from the staff area in the background, one at a time per app instance,
/// and keeps its progress and then its report for the page to show. The uploaded file waits in
/// the data folder until the import has read it, then is deleted.
/// </summary>
public sealed class WordPressImportJobs(
    IServiceScopeFactory scopes, IOptions<GazetteOptions> options, IHostApplicationLifetime lifetime, ILogger<WordPressImportJobs> logger)
{
    private readonly Lock _lock = new();
    private Job? _current;

    public sealed class Job
    {
        public required string StartedBy { get; init; }
        public required DateTime StartedAt { get; init; }
        public ImportProgress Progress { get; set; } = new("Waiting", 0, 0);
        public ImportReport? Report { get; set; }
        public bool Finished => Report is not null;
    }

    public Job? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Saves <paramref name="upload"/> and starts importing it; false when an import is already running.</summary>
    public async Task<bool> StartAsync(Stream upload, string startedBy, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var folder = Path.Combine(options.Value.DataPath, "imports");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".xml");
        var job = new Job { StartedBy = startedBy, StartedAt = now };
        lock (_lock)
        {
            if (_current is { Finished: false })
            {
                return false;
            }
            _current = job;
        }
        try
        {
            await using (var stream = File.Create(file))
            {
                await upload.CopyToAsync(stream, cancellationToken);
            }
        }
        catch
        {
            lock (_lock)
            {
                _current = null;
            }
            File.Delete(file);
            throw;
        }
        _ = Task.Run(() => RunAsync(job, file), CancellationToken.None);
        return true;
    }

    private async Task RunAsync(Job job, string file)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
            var progress = new Progress<ImportProgress>(p => job.Progress = p);
            job.Report = await import.ExecuteAsync(file, null, progress, lifetime.ApplicationStopping);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The WordPress import started by {User} failed.", job.StartedBy);
            job.Report = new ImportReport { Error = e is OperationCanceledException ? "The site stopped during the import." : "The import failed unexpectedly: " + e.Message };
        }
        finally
        {
            File.Delete(file);
        }
    }
}
