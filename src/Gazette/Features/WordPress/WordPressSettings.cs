namespace Gazette.Features.WordPress;

/// <summary>
/// The limits of a WordPress import's uploads zip, and how the staff area's import queue waits on a quiet
/// instance: the <c>Gazette:WordPress</c> configuration section (<c>Gazette__WordPress__MaxUnpackedMegabytes=4096</c>,
/// …). A zip over any of the limits is refused whole.
/// </summary>
public sealed class WordPressSettings
{
    public const string Section = "Gazette:WordPress";

    /// <summary>The most an uploads zip may unpack to, in megabytes (MiB), counted as it is written.</summary>
    public int MaxUnpackedMegabytes { get; set; } = 4096;

    /// <summary>The most entries an uploads zip may hold.</summary>
    public int MaxUnpackedFiles { get; set; } = 200_000;

    /// <summary>The free disk space, in megabytes (MiB), that unpacking must leave.</summary>
    public int MinFreeDiskMegabytes { get; set; } = 1024;

    /// <summary>
    /// How long, in seconds, an import job's instance may go without saying it still runs it (it says so every
    /// second) before another instance takes the job up and resumes it: the instance was stopped or killed.
    /// </summary>
    public int ImportQuietSeconds { get; set; } = 120;

    public TimeSpan ImportQuietAfter => TimeSpan.FromSeconds(ImportQuietSeconds);

    public long MaxUnpackedBytes => MaxUnpackedMegabytes * 1024L * 1024L;

    public long MinFreeDiskBytes => MinFreeDiskMegabytes * 1024L * 1024L;
}
