using Gazette.Data;
using Gazette.Features.Media;

namespace Gazette.Features.Setup;

/// <summary>
/// The demo article's picture as a media library item, with the sizes the library makes of an
/// upload (made once by <see cref="ImageProcessor"/> and shipped in the assembly), so that the new
/// site's front page and article serve a phone a 480-pixel copy, not the 1,600-pixel original.
/// Copying them is instant, where cutting them afresh would slow every first run.
/// </summary>
internal static class DemoMedia
{
    private sealed record File(string Name, string ContentType, int Width, int Height);

    private static readonly File Original = new("harbour-dawn-e550de712d.jpg", "image/jpeg", 1600, 900);

    private static readonly File[] Variants =
    [
        new("harbour-dawn-1600w-a0b21c6e26.webp", "image/webp", 1600, 900),
        new("harbour-dawn-960w-5778591f57.webp", "image/webp", 960, 540),
        new("harbour-dawn-960w-7204ce25e7.jpg", "image/jpeg", 960, 540),
        new("harbour-dawn-480w-a6f8bb19fa.webp", "image/webp", 480, 270),
        new("harbour-dawn-480w-120f8d06be.jpg", "image/jpeg", 480, 270),
    ];

    /// <summary>Writes the files into the media folder and returns the library item to save, uploaded by <paramref name="uploader"/>.</summary>
    public static async Task<MediaItem> AddAsync(MediaStore store, StaffUser uploader, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = $"{MediaStore.AddressPrefix}{now.Year:0000}/{now.Month:00}/";
        var originalBytes = await ReadAsync(Original.Name, cancellationToken);
        await store.WriteAsync(folder + Original.Name, originalBytes, cancellationToken);
        var item = new MediaItem
        {
            OriginalFileName = "harbour-dawn.jpg",
            Path = folder + Original.Name,
            ContentType = Original.ContentType,
            Width = Original.Width,
            Height = Original.Height,
            Bytes = originalBytes.Length,
            AltText = DemoArticle.ImageAlt,
            Caption = DemoArticle.ImageCaption,
            Credit = DemoArticle.ImageCredit,
            UploadedAt = now,
            UploadedBy = uploader,
        };
        foreach (var variant in Variants)
        {
            var bytes = await ReadAsync(variant.Name, cancellationToken);
            await store.WriteAsync(folder + variant.Name, bytes, cancellationToken);
            item.Variants.Add(new MediaVariant
            {
                Path = folder + variant.Name, ContentType = variant.ContentType, Width = variant.Width, Height = variant.Height, Bytes = bytes.Length,
            });
        }
        return item;
    }

    private static async Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoMedia).Assembly.GetManifestResourceStream("DemoMedia/" + name)
            ?? throw new InvalidOperationException($"The demo picture {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
