using System.Globalization;
using Gazette.Data;

namespace Gazette.Pages.Admin.Media;

/// <summary>A library image as the newsroom's grid and the editor's picker show it.</summary>
public sealed record MediaCard(
    int Id, string FileName, string? AltText, string Thumbnail, int Width, int Height, long Bytes, DateTime UploadedAt)
{
    public string Size => MediaCards.Size(Bytes);
}

public static class MediaCards
{
    /// <summary>Each item with its smallest copy as thumbnail (the original when it is small enough to have none).</summary>
    public static IQueryable<MediaCard> AsCards(this IQueryable<MediaItem> items) =>
        items.Select(m => new MediaCard(
            m.Id, m.OriginalFileName, m.AltText,
            m.Variants.OrderBy(v => v.Width).Select(v => v.Path).FirstOrDefault() ?? m.Path,
            m.Width, m.Height, m.Bytes, m.UploadedAt));

    public static IOrderedQueryable<MediaItem> NewestFirst(this IQueryable<MediaItem> items) =>
        items.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MB"),
    };
}
