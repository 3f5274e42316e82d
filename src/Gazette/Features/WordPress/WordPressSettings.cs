namespace Gazette.Features.WordPress;

/// <summary>
/// The limits of a WordPress import's uploads zip: the <c>Gazette:WordPress</c> configuration section
/// (<c>Gazette__WordPress__MaxUnpackedMegabytes=4096</c>, …). A zip over any of them is refused whole.
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

    public long MaxUnpackedBytes => MaxUnpackedMegabytes * 1024L * 1024L;

    public long MinFreeDiskBytes => MinFreeDiskMegabytes * 1024L * 1024L;
}
