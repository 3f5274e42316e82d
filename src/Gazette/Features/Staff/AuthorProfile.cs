using System.Security.Cryptography;
using Gazette.Data;
using Gazette.Features.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Gazette.Features.Staff;

/// <summary>A link to an author's profile elsewhere, labelled by its site.</summary>
public sealed record ProfileLink(string Url, string Label);

/// <summary>
/// What readers see of an author beyond the byline: a photo and links to their profiles elsewhere.
/// The photo is read and checked as any upload (<see cref="UploadMedia.ReadAsync"/>), cut square at the
/// two sizes the page shows it at, and served from the site, as every link is plain: nothing is
/// fetched from another site for a reader.
/// </summary>
public sealed class AuthorProfile(UploadMedia uploads, MediaStore store)
{
    /// <summary>The photo's side on the page, in CSS pixels, and its copies for ordinary and sharp screens.</summary>
    public const int ShownAt = 72, Small = 96, Large = 192;

    public const int MaxLinks = 8;

    /// <summary>The copy for sharp screens of the photo at <paramref name="photoPath"/>.</summary>
    public static string LargeOf(string photoPath) =>
        photoPath.EndsWith($"-{Small}.webp", StringComparison.Ordinal) ? photoPath[..^$"-{Small}.webp".Length] + $"-{Large}.webp" : photoPath;

    /// <summary>Stores <paramref name="upload"/> as <paramref name="user"/>'s photo (not yet saved), or says why not.</summary>
    public async Task<string?> SetPhotoAsync(StaffUser user, IFormFile upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(upload);
        var (processed, _, refusal) = await uploads.ReadAsync(upload, cancellationToken);
        if (processed is null)
        {
            return refusal!.Message;
        }
        using var image = Image.Load(processed.Original.Bytes);
        var stem = $"{MediaStore.AddressPrefix}authors/{user.Slug}-{Convert.ToHexStringLower(SHA256.HashData(processed.Original.Bytes))[..10]}";
        foreach (var side in new[] { Small, Large })
        {
            using var square = image.Clone(x => x.Resize(new ResizeOptions { Size = new Size(side, side), Mode = ResizeMode.Crop, Position = AnchorPositionMode.Top }));
            using var output = new MemoryStream();
            await square.SaveAsWebpAsync(output, new WebpEncoder { Quality = 82 }, cancellationToken);
            await store.WriteAsync($"{stem}-{side}.webp", output.ToArray(), cancellationToken);
        }
        user.PhotoPath = $"{stem}-{Small}.webp";
        return null;
    }

    /// <summary>The links in <paramref name="text"/> (one per line), tidied; or why they cannot be kept.</summary>
    public static (string? Links, string? Error) CheckLinks(string? text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > MaxLinks)
        {
            return (null, $"Give at most {MaxLinks} profile links.");
        }
        var kept = new List<string>();
        foreach (var line in lines)
        {
            if (!Uri.TryCreate(line, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(url.Host)
                || line.Any(char.IsControl))
            {
                return (null, $"\u201c{(line.Length > 80 ? line[..80] + "…" : line)}\u201d is not an https address: give each profile as a full address, like https://mastodon.social/@you.");
            }
            kept.Add(url.AbsoluteUri);
        }
        return (kept.Count == 0 ? null : string.Join('\n', kept), null);
    }

    /// <summary>The links stored for an author, each labelled by its site's name.</summary>
    public static IReadOnlyList<ProfileLink> LinksOf(string? stored) =>
        (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => Uri.TryCreate(line, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
                ? new ProfileLink(url.AbsoluteUri, url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host)
                : null)
            .OfType<ProfileLink>()
            .ToList();
}
