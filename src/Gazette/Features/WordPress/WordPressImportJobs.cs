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

    /// <summary>What an import from the staff area is given: the export, and where its attachments' files are.</summary>
    public sealed record Request(Stream Export, Stream? UploadsZip, bool DownloadAttachments, string StartedBy, DateTime Now);

    /// <summary>Saves the uploads and starts importing them; false when an import is already running.</summary>
    public async Task<bool> StartAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var folder = Path.Combine(options.Value.DataPath, "imports");
        Directory.CreateDirectory(folder);
        var name = Guid.NewGuid().ToString("N");
        var file = Path.Combine(folder, name + ".xml");
        var zip = request.UploadsZip is null ? null : Path.Combine(folder, name + "-uploads.zip");
        var job = new Job { StartedBy = request.StartedBy, StartedAt = request.Now };
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
            await SaveAsync(request.Export, file, cancellationToken);
            if (request.UploadsZip is not null)
            {
                await SaveAsync(request.UploadsZip, zip!, cancellationToken);
            }
        }
        catch
        {
            lock (_lock)
            {
                _current = null;
            }
            Delete(file, zip, null);
            throw;
        }
        _ = Task.Run(() => RunAsync(job, file, zip, request.DownloadAttachments), CancellationToken.None);
        return true;
    }

    private static async Task SaveAsync(Stream upload, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await upload.CopyToAsync(stream, cancellationToken);
    }

    private async Task RunAsync(Job job, string file, string? zip, bool download)
    {
        var unpacked = Path.ChangeExtension(file, null) + "-uploads";
        ImportReport report;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
            if (zip is not null)
            {
                job.Progress = new ImportProgress("Unpacking the uploads", 0, 0);
            }
            var files = await AttachmentFiles.ChooseAsync(scope.ServiceProvider, zip, download, unpacked, lifetime.ApplicationStopping);
            var progress = new Progress<ImportProgress>(p => job.Progress = p);
            report = await import.ExecuteAsync(file, files, progress, lifetime.ApplicationStopping);
        }
        catch (WxrFormatException e)
        {
            report = new ImportReport { Error = e.Message };
        }
        catch (Exception e)
        {
            logger.LogError(e, "The WordPress import started by {User} failed.", job.StartedBy);
            report = new ImportReport { Error = e is OperationCanceledException ? "The site stopped during the import." : "The import failed unexpectedly: " + e.Message };
        }
        try
        {
            Delete(file, zip, unpacked);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "The files of the WordPress import started by {User} could not all be deleted.", job.StartedBy);
        }
        // Only once the files are gone: the report says the import is over.
        job.Report = report;
    }

    private static void Delete(string file, string? zip, string? unpacked)
    {
        File.Delete(file);
        if (zip is not null)
        {
            File.Delete(zip);
        }
        if (unpacked is not null && Directory.Exists(unpacked))
        {
            Directory.Delete(unpacked, recursive: true);
        }
    }
}
