namespace Gazette.Features.Media;

/// <summary>
/// The media library's limits: the <c>Gazette:Media</c> configuration section
/// (<c>Gazette__Media__MaxUploadMegabytes=20</c>, …). Read on every upload, so a changed file applies at once.
/// </summary>
public sealed class MediaSettings
{
    public const string Section = "Gazette:Media";

    /// <summary>The largest image file that may be uploaded, in megabytes (MiB).</summary>
    public int MaxUploadMegabytes { get; set; } = 10;

    /// <summary>How many images one upload may carry.</summary>
    public int MaxFilesPerUpload { get; set; } = 20;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    /// <summary>The most a request carrying uploads may weigh: every file at the limit, and room for the form around them.</summary>
    public long MaxRequestBytes => MaxUploadBytes * MaxFilesPerUpload + 1024L * 1024L;
}
