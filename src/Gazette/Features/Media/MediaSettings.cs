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

    /// <summary>
    /// The most pixels an image may decode to, in millions: width × height, times the frames of an
    /// animation. Read from the file's header before anything is decoded, so a small file that
    /// claims a huge image costs nothing. 50 takes a 48-megapixel phone photo.
    /// </summary>
    public int MaxMegapixels { get; set; } = 50;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    /// <summary>The most a request carrying uploads may weigh: every file at the limit, and room for the form around them.</summary>
    public long MaxRequestBytes => MaxUploadBytes * MaxFilesPerUpload + 1024L * 1024L;
}
