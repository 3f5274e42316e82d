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

    /// <summary>On a list, a card's image is the screen's width on a phone, 20rem beside the text on a wider one.</summary>
    public const string CardSizes = "(min-width: 48rem) 20rem, calc(100vw - 2.5rem)";

    /// <summary>
    /// A front page's lead story: three fifths of the page beside its text on a wide screen (about
    /// 41rem at the page's widest), the screen less its margins on a phone.
    /// </summary>
    public const string LeadSizes = "(min-width: 72rem) 41rem, (min-width: 48rem) 58vw, calc(100vw - 2.5rem)";

    /// <summary>A story in a front page's grid: four across at the page's widest, two on a tablet, one on a phone.</summary>
    public const string GridSizes = "(min-width: 72rem) 16.5rem, (min-width: 48rem) calc(50vw - 2rem), calc(100vw - 2.5rem)";

    /// <summary>The library image at <paramref name="address"/>, or null for any other address.</summary>
    public static async Task<ResponsiveImage?> FindAsync(GazetteDbContext db, string? address, CancellationToken cancellationToken) =>
        address is null ? null : (await FindAllAsync(db, [address], cancellationToken)).GetValueOrDefault(address);

    /// <summary>The library images among <paramref name="addresses"/>, by address, in one query (a list page's cards).</summary>
    public static async Task<IReadOnlyDictionary<string, ResponsiveImage>> FindAllAsync(
        GazetteDbContext db, IEnumerable<string?> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(addresses);
        var library = addresses.OfType<string>().Where(a => a.StartsWith(MediaStore.AddressPrefix, StringComparison.Ordinal)).Distinct().ToList();
        if (library.Count == 0)
        {
            return new Dictionary<string, ResponsiveImage>();
        }
        var items = await db.MediaItems.AsNoTracking()
            .Where(m => library.Contains(m.Path))
            .Select(m => new
            {
                m.Path, m.ContentType, m.Width, m.Height,
                Variants = m.Variants.Select(v => new Candidate(v.Path, v.ContentType, v.Width)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return items.ToDictionary(item => item.Path, item => Of(item.Path, item.ContentType, item.Width, item.Height, item.Variants));
    }

    private static ResponsiveImage Of(string path, string contentType, int width, int height, List<Candidate> variants)
    {
        // The original joins the choice when it is no wider than the largest variant would be.
        var candidates = variants.ToList();
        if (width <= ImageProcessor.VariantWidths[^1])
        {
            candidates.Add(new Candidate(path, contentType, width));
        }
        var same = candidates.Where(c => c.ContentType == contentType).OrderBy(c => c.Width).ToList();
        var webp = candidates.Where(c => c.ContentType == "image/webp" && contentType != "image/webp").OrderBy(c => c.Width).ToList();
        if (same.Count == 0)
        {
            same.Add(new Candidate(path, contentType, width));
        }
        return new ResponsiveImage(same[^1].Path, SrcsetOf(same), webp.Count > 0 ? SrcsetOf(webp) : null, width, height)
        {
            SmallestSrc = same[0].Path,
        };
    }

    /// <summary>The narrowest copy in the original's format: where a browser that reads no <c>srcset</c> starts.</summary>
    public string SmallestSrc { get; init; } = Src;

    private static string SrcsetOf(IEnumerable<Candidate> candidates) =>
        string.Join(", ", candidates.Select(c => $"{c.Path} {c.Width}w"));
}
