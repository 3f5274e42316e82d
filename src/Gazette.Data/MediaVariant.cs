namespace Gazette.Data;

/// <summary>A resized copy of a <see cref="MediaItem"/>, in WebP or in the original's format.</summary>
public class MediaVariant
{
    public int Id { get; set; }
    public int MediaItemId { get; set; }
    public MediaItem? MediaItem { get; set; }

    /// <summary>The public address, <c>/media/…</c>; its name carries a hash of its content.</summary>
    public string Path { get; set; } = "";

    public string ContentType { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }
}
