using Gazette.Features.Articles;
using Gazette.Features.Metadata;
using Gazette.Infrastructure;

namespace Gazette.Pages.Articles;

/// <summary>What search engines and link previews learn about an article or a page.</summary>
public static class ArticleMetadata
{
    public static PageMetadata For(
        ArticleView article, ArticleNavigation navigation, int commentCount, string siteUrl, SiteOptions site, string language)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(navigation);
        ArgumentNullException.ThrowIfNull(site);
        var url = siteUrl + article.Url;
        // A protected article tells machines its headline, byline and dates: nothing of its text or picture.
        var image = !article.IsProtected && article.ImageUrl is { } imageUrl
            ? new MetaImage(Absolute(siteUrl, article.Picture?.Src ?? imageUrl), article.ImageAlt, article.Picture?.Width, article.Picture?.Height)
            : null;
        var section = article.Categories.Count > 0 ? article.Categories[0] : null;
        var trail = new List<(string Name, string Url)> { (site.Title, siteUrl + "/") };
        trail.AddRange(navigation.Parents.Select(p => (p.Title, siteUrl + p.Url)));
        if (section is not null)
        {
            trail.Add((section.Name, siteUrl + section.Url));
        }
        trail.Add((article.Title, url));

        var structured = new List<object>();
        if (!article.IsPage)
        {
            var publisher = StructuredData.Organization(site.Title, siteUrl + "/", siteUrl + SiteLogo.Path);
            structured.Add(StructuredData.NewsArticle(
                new StructuredData.ArticleFacts(
                    url, article.Title, article.IsProtected ? null : article.Description, article.PublishedAt, article.UpdatedAt,
                    article.AuthorName, siteUrl + article.AuthorUrl, article.IsProtected ? 0 : commentCount,
                    article.IsProtected ? null : article.Words, section?.Name,
                    article.Tags.Select(t => t.Name).ToList(),
                    image is null ? null : new StructuredData.ImageFacts(image.Url, article.ImageCaption, article.ImageCredit, image.Width, image.Height),
                    language)
                {
                    AuthorImage = article.AuthorPhoto is { } photo ? Absolute(siteUrl, Features.Staff.AuthorProfile.LargeOf(photo)) : null,
                    AuthorProfiles = Features.Staff.AuthorProfile.LinksOf(article.AuthorLinks).Select(l => l.Url).ToList(),
                    CoAuthors = article.CoAuthors.Select(c => (c.Name, siteUrl + c.Url)).ToList(),
                    IsAccessibleForFree = !article.IsProtected,
                },
                publisher));
        }
        structured.Add(StructuredData.Breadcrumbs(trail));

        return new PageMetadata
        {
            Type = "article",
            CanonicalPath = article.Url,
            Image = image,
            PublishedAt = article.IsPage ? null : article.PublishedAt,
            ModifiedAt = article.IsPage ? null : article.UpdatedAt,
            AuthorUrl = article.IsPage ? null : siteUrl + article.AuthorUrl,
            Section = section?.Name,
            Tags = article.Tags.Select(t => t.Name).ToList(),
            StructuredData = structured,
        };
    }

    private static string Absolute(string siteUrl, string address) =>
        address.StartsWith('/') ? siteUrl + address : address;
}
