namespace Gazette.Data;

/// <summary>
/// An image in the media library: the uploaded file, stored without its metadata, and the
/// resized copies (<see cref="Variants"/>) that pages offer in <c>srcset</c>.
/// </summary>
public class MediaItem
{
    public int Id { get; set; }

    /// <summary>The name the file had on the uploader's computer.</summary>
    public string OriginalFileName { get; set; } = "";

    /// <summary>
    /// The public address of the stored original, <c>/media/yyyy/mm/name-fingerprint.ext</c>;
    /// the file lives at the same place under the media folder. An article whose featured image
    /// address equals it uses this item.
    /// </summary>
    public string Path { get; set; } = "";

    public string ContentType { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The size of the stored original.</summary>
    public long Bytes { get; set; }

    public string? AltText { get; set; }
    public string? Caption { get; set; }

    /// <summary>Who the image comes from, shown as "Image source: …" under it.</summary>
    public string? Credit { get; set; }

    /// <summary>A longer account of the image than its caption, as WordPress keeps for attachments; shown in the library.</summary>
    public string? Description { get; set; }

    public DateTime UploadedAt { get; set; }
    public string? UploadedById { get; set; }
    public StaffUser? UploadedBy { get; set; }

    public ICollection<MediaVariant> Variants { get; } = [];
}
