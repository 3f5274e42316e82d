using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Media;

/// <summary>Alt text, caption and credit, as typed with an upload or on the image's page.</summary>
public sealed record MediaDescription(string? AltText, string? Caption, string? Credit, string? Description = null);

/// <summary>
/// Adds an uploaded image to the library: checked and cleaned by <see cref="ImageProcessor"/>,
/// stored with its variants, recorded as a <see cref="MediaItem"/>. Saves on its own, so callers
/// must not have other changes pending on the same context.
/// </summary>
public sealed class UploadMedia(
    GazetteDbContext db, ImageProcessor processor, MediaStore store, IOptionsMonitor<MediaSettings> settings, TimeProvider clock)
{
    /// <summary>The stored item, or why not; <see cref="TooLarge"/> when the file was refused for its size, in bytes or in pixels.</summary>
    public sealed record Result(MediaItem? Item, string? Error, bool AlreadyInLibrary = false, bool TooLarge = false)
    {
        public bool Succeeded => Item is not null;
    }

    /// <summary>Stores <paramref name="file"/>, or says why not; when it is refused nothing is stored.</summary>
    public async Task<Result> ExecuteAsync(
        IFormFile file, string? uploaderId, MediaDescription? description, CancellationToken cancellationToken)
    {
        var (processed, name, refusal) = await ReadAsync(file, cancellationToken);
        if (processed is null)
        {
            return new Result(null, refusal!.Message, TooLarge: refusal.TooLarge);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stem = Slugs.From(Path.GetFileNameWithoutExtension(name));
        stem = stem[..Math.Min(stem.Length, 60)].TrimEnd('-');
        var address = MediaStore.AddressFor(now, stem, processed.Original);
        // The same file under the same name this month: the name is a hash, so it is the same image.
        if (await db.MediaItems.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Path == address, cancellationToken) is { } existing)
        {
            return new Result(existing, null, AlreadyInLibrary: true);
        }

        var item = new MediaItem
        {
            OriginalFileName = name,
            Path = address,
            ContentType = processed.Original.Kind.ContentType,
            Width = processed.Original.Width,
            Height = processed.Original.Height,
            Bytes = processed.Original.Bytes.Length,
            AltText = Blank(description?.AltText),
            Caption = Blank(description?.Caption),
            Credit = Blank(description?.Credit),
            Description = Blank(description?.Description) is { } about ? about[..Math.Min(about.Length, 4000)] : null,
            UploadedAt = now,
            UploadedById = uploaderId,
        };
        var files = new List<(string Address, byte[] Bytes)> { (address, processed.Original.Bytes) };
        foreach (var variant in processed.Variants)
        {
            var variantAddress = MediaStore.AddressFor(now, $"{stem}-{variant.Width}w", variant);
            item.Variants.Add(new MediaVariant
            {
                Path = variantAddress,
                ContentType = variant.Kind.ContentType,
                Width = variant.Width,
                Height = variant.Height,
                Bytes = variant.Bytes.Length,
            });
            files.Add((variantAddress, variant.Bytes));
        }

        db.MediaItems.Add(item);
        try
        {
            foreach (var (fileAddress, bytes) in files)
            {
                await store.WriteAsync(fileAddress, bytes, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // A refusal or a failure leaves nothing half-stored: neither the row nor any file.
            db.Entry(item).State = EntityState.Detached;
            foreach (var variant in item.Variants)
            {
                db.Entry(variant).State = EntityState.Detached;
            }
            foreach (var (fileAddress, _) in files)
            {
                store.Delete(fileAddress);
            }
            throw;
        }
        return new Result(item, null);
    }

    /// <summary>
    /// An uploaded image read, checked against the size limits and cleaned (<see cref="ImageProcessor"/>),
    /// with the file name it came under; or why it was refused. Nothing is stored.
    /// </summary>
    public async Task<(ProcessedImage? Image, string Name, ImageRefusal? Refusal)> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = Path.GetFileName(file.FileName);
        name = name.Length == 0 ? "image" : name[..Math.Min(name.Length, 255)];
        var limits = settings.CurrentValue;
        if (file.Length == 0)
        {
            return (null, name, new ImageRefusal($"\"{name}\" is empty."));
        }
        if (file.Length > limits.MaxUploadBytes)
        {
            return (null, name, new ImageRefusal(
                $"\"{name}\" is {file.Length / (1024.0 * 1024.0):0.#} MB; an image may be at most {limits.MaxUploadMegabytes} MB.", TooLarge: true));
        }
        var data = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(data, cancellationToken);
        }
        var (processed, refusal) = await processor.ProcessAsync(data, name, cancellationToken);
        return (processed, name, refusal);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
