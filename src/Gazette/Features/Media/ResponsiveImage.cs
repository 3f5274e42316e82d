using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Media;

/// <summary>
/// A library image as a page offers it: <see cref="Srcset"/> in the original's format, and, for
/// JPEG and PNG, <see cref="WebpSrcset"/> for a <c>&lt;picture&gt;</c> source. Width and height
/// are the original's, so the browser keeps the image's room before it arrives.
/// </summary>
public sealed record ResponsiveImage(string Src, string Srcset, string? WebpSrcset, int Width, int Height)
{
    /// <summary>The featured image spans the article column (42rem), or the screen less the page's margins.</summary>
    public const string FeaturedSizes = "(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)";

    private sealed record Candidate(string Path, string ContentType, int Width);

    /// <summary>The library image at <paramref name="address"/>, or null for any other address.</summary>
    public static async Task<ResponsiveImage?> FindAsync(GazetteDbContext db, string? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (address is null || !address.StartsWith(MediaStore.AddressPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var item = await db.MediaItems.AsNoTracking()
            .Where(m => m.Path == address)
            .Select(m => new
            {
                m.Path, m.ContentType, m.Width, m.Height,
                Variants = m.Variants.Select(v => new Candidate(v.Path, v.ContentType, v.Width)).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        // The original joins the choice when it is no wider than the largest variant would be.
        var candidates = item.Variants.ToList();
        if (item.Width <= ImageProcessor.VariantWidths[^1])
        {
            candidates.Add(new Candidate(item.Path, item.ContentType, item.Width));
        }
        var same = candidates.Where(c => c.ContentType == item.ContentType).OrderBy(c => c.Width).ToList();
        var webp = candidates.Where(c => c.ContentType == "image/webp" && item.ContentType != "image/webp").OrderBy(c => c.Width).ToList();
        if (same.Count == 0)
        {
            same.Add(new Candidate(item.Path, item.ContentType, item.Width));
        }
        return new ResponsiveImage(
            same[^1].Path, SrcsetOf(same), webp.Count > 0 ? SrcsetOf(webp) : null, item.Width, item.Height);
    }

    private static string SrcsetOf(IEnumerable<Candidate> candidates) =>
        string.Join(", ", candidates.Select(c => $"{c.Path} {c.Width}w"));
}
