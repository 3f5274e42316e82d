using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Media;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Syndication;

/// <summary>
/// The article feeds: the whole site, a category (with its sub-categories, as its archive page),
/// a tag, an author. Published posts only, newest first, as many as the "items in feeds" setting.
/// </summary>
public sealed class ArticleFeeds(
    GazetteDbContext db, IOptionsMonitor<GazetteOptions> options, SiteAddress address, IWebHostEnvironment environment)
{
    private sealed record Row(
        int Id, string Title, string Slug, DateTime CreatedAt, DateTime PublishedAt, DateTime UpdatedAt, string Summary, string? BodyHtml,
        string AuthorName, string AuthorSlug, string? ImageUrl, string? ImageAlt, string? ImageCaption, string? ImageCredit,
        List<string> Categories, List<string> Tags)
    {
        public List<BylineName> CoAuthors { get; init; } = [];
        public string? EnclosureUrl { get; init; }
        public string? EnclosureType { get; init; }
        public long EnclosureLength { get; init; }

        /// <summary>Password protected: listed with its headline and link, and a notice instead of its text and image.</summary>
        public bool IsProtected { get; init; }
    }

    private sealed record Scope(string Page, string? Name, string? Description, Func<IQueryable<Article>, IQueryable<Article>> Filter);

    private SiteOptions Site => options.CurrentValue.Site;

    public Task<FeedDocument> SiteAsync(FeedFormat format, CancellationToken cancellationToken) =>
        LoadAsync(new Scope("", null, Site.Tagline, all => all), format, cancellationToken);

    public async Task<FeedDocument?> CategoryAsync(string slug, FeedFormat format, CancellationToken cancellationToken)
    {
        // Categories are few: load the tree once and walk it here, as the archive page does.
        var all = await db.Categories.AsNoTracking()
            .Select(c => new { c.Id, c.ParentId, c.Name, c.Slug, c.Description })
            .ToListAsync(cancellationToken);
        var category = all.SingleOrDefault(c => c.Slug == slug);
        if (category is null)
        {
            return null;
        }
        var ids = new HashSet<int> { category.Id };
        for (var added = true; added;)
        {
            added = false;
            foreach (var child in all.Where(c => c.ParentId is { } p && ids.Contains(p) && !ids.Contains(c.Id)))
            {
                added |= ids.Add(child.Id);
            }
        }
        var scope = new Scope(ArticleLinks.Category(category.Slug), category.Name, category.Description,
            articles => articles.InCategories(db, ids));
        return await LoadAsync(scope, format, cancellationToken);
    }

    public async Task<FeedDocument?> TagAsync(string slug, FeedFormat format, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name, t.Slug }).SingleOrDefaultAsync(cancellationToken);
        return tag is null ? null : await LoadAsync(
            new Scope(ArticleLinks.Tag(tag.Slug), tag.Name, null, articles => articles.Tagged(db, tag.Id)), format, cancellationToken);
    }

    public async Task<FeedDocument?> AuthorAsync(string slug, FeedFormat format, CancellationToken cancellationToken)
    {
        var author = await db.Users.AsNoTracking().Where(u => u.Slug == slug).Select(u => new { u.Id, u.DisplayName, u.Slug, u.Bio })
            .SingleOrDefaultAsync(cancellationToken);
        return author is null ? null : await LoadAsync(
            new Scope(ArticleLinks.Author(author.Slug), author.DisplayName, author.Bio, articles => articles.By(author.Id)), format, cancellationToken);
    }

    private async Task<FeedDocument> LoadAsync(Scope scope, FeedFormat format, CancellationToken cancellationToken)
    {
        var fullText = Site.FeedFullText;
        var inScope = scope.Filter(db.Articles.AsNoTracking().Posts());
        var rows = await inScope.Published()
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(Math.Max(1, Site.FeedLength))
            .Select(a => new Row(
                a.Id, a.Title, a.Slug, a.CreatedAt, a.PublishedAt!.Value, a.UpdatedAt,
                a.Password == null ? a.Summary : ArticlePasswords.FeedNotice, fullText && a.Password == null ? a.BodyHtml : null,
                a.Author!.DisplayName, a.Author.Slug, a.Password == null ? a.FeaturedImageUrl : null,
                a.FeaturedImageAlt, a.FeaturedImageCaption, a.FeaturedImageCredit,
                a.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToList(), a.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList())
            {
                CoAuthors = a.CoAuthors.OrderBy(c => c.Position).Select(c => new BylineName(c.User!.DisplayName, c.User.Slug)).ToList(),
                EnclosureUrl = a.EnclosureUrl, EnclosureType = a.EnclosureType, EnclosureLength = a.EnclosureLength,
                IsProtected = a.Password != null,
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        // An article that leaves the feed (unpublished, moved to another category) was edited:
        // its edit time moves Last-Modified, though the feed no longer shows it.
        var lastEdit = await inScope.MaxAsync(a => (DateTime?)a.UpdatedAt, cancellationToken);
        var images = await ImagesAsync(rows.Select(r => r.ImageUrl), cancellationToken);

        var root = address.Uri;
        var entries = rows.Select(row =>
        {
            var url = new Uri(root, ArticleLinks.Article(row.PublishedAt, row.Slug));
            var image = row.ImageUrl is { } imageUrl && FeedText.Absolute(imageUrl, root) is { } absoluteImage
                ? Image(absoluteImage, images.GetValueOrDefault(imageUrl), row.ImageAlt, row.ImageCaption, row.ImageCredit)
                : null;
            var content = row.IsProtected && fullText ? $"<p>{System.Net.WebUtility.HtmlEncode(ArticlePasswords.FeedNotice)}</p>"
                : row.BodyHtml is null ? null
                : (image is null ? "" : FeedText.Figure(image)) + FeedText.WithAbsoluteUrls(row.BodyHtml, url);
            return new FeedEntry(
                TagUri.For(root, row.CreatedAt, "article", row.Id), row.Title, url.AbsoluteUri, row.PublishedAt, Later(row.UpdatedAt, row.PublishedAt),
                new FeedPerson(row.AuthorName, new Uri(root, ArticleLinks.Author(row.AuthorSlug)).AbsoluteUri),
                row.Summary, content, image, [.. row.Categories, .. row.Tags.Where(t => !row.Categories.Contains(t, StringComparer.OrdinalIgnoreCase))])
            {
                Authors =
                [
                    new FeedPerson(row.AuthorName, new Uri(root, ArticleLinks.Author(row.AuthorSlug)).AbsoluteUri),
                    .. row.CoAuthors.Select(c => new FeedPerson(c.Name, new Uri(root, c.Url).AbsoluteUri)),
                ],
                Enclosure = !row.IsProtected && Episodes.Normalise(row.EnclosureUrl) is { } audio && FeedText.Absolute(audio, root) is { } absoluteAudio
                    ? new FeedEnclosure(absoluteAudio, row.EnclosureType ?? Episodes.TypeOf(audio), row.EnclosureLength)
                    : null,
            };
        }).ToList();

        var updated = entries.Count == 0 ? (DateTime?)null : entries.Max(e => e.Updated);
        var title = scope.Name is null ? Site.Title : $"{scope.Name} – {Site.Title}";
        var description = string.IsNullOrWhiteSpace(scope.Description) ? $"The latest articles: {scope.Name ?? Site.Title}" : scope.Description;
        return new FeedDocument(
            new Uri(root, SyndicationLinks.FeedOf(scope.Page, FeedFormat.Rss)).AbsoluteUri, title, description, Site.Language,
            new Uri(root, scope.Page.Length == 0 ? "/" : scope.Page).AbsoluteUri, new Uri(root, SyndicationLinks.FeedOf(scope.Page, format)).AbsoluteUri,
            updated, entries)
        {
            LastModified = Latest(updated, lastEdit),
        };
    }

    private sealed record LibraryImage(string MediaType, long Bytes, int? Width, int? Height);

    /// <summary>
    /// Type, size and dimensions of the featured images from the media library, in one query;
    /// the size of other images on this site (such as the demo's) from the web root.
    /// </summary>
    private async Task<Dictionary<string, LibraryImage>> ImagesAsync(IEnumerable<string?> urls, CancellationToken cancellationToken)
    {
        var local = urls.OfType<string>().Where(u => u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal)).Distinct().ToList();
        var paths = local.Where(u => u.StartsWith(MediaStore.AddressPrefix, StringComparison.Ordinal)).ToList();
        var images = paths.Count == 0 ? [] : await db.MediaItems.AsNoTracking()
            .Where(m => paths.Contains(m.Path))
            .ToDictionaryAsync(m => m.Path, m => new LibraryImage(m.ContentType, m.Bytes, m.Width, m.Height), cancellationToken);
        foreach (var path in local.Except(paths))
        {
            if (environment.WebRootFileProvider.GetFileInfo(path) is { Exists: true, IsDirectory: false } file)
            {
                images[path] = new LibraryImage(MediaTypeOf(path), file.Length, null, null);
            }
        }
        return images;
    }

    private static FeedImage Image(string url, LibraryImage? known, string? alt, string? caption, string? credit) =>
        known is null
            ? new FeedImage(url, MediaTypeOf(url), null, null, null, alt, caption, credit)
            : new FeedImage(url, known.MediaType, known.Bytes, known.Width, known.Height, alt, caption, credit);

    /// <summary>An image elsewhere is typed by its extension, as a browser would guess; JPEG when there is none.</summary>
    private static string MediaTypeOf(string url)
    {
        var path = url.StartsWith('/') ? url : new Uri(url).AbsolutePath;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".avif" => "image/avif",
            ".svg" => "image/svg+xml",
            _ => "image/jpeg",
        };
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    internal static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : Later(a.Value, b.Value);
}
