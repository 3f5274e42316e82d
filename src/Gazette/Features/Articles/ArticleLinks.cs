using System.Globalization;

namespace Gazette.Features.Articles;

/// <summary>The public URLs of articles and archives, in one place.</summary>
public static class ArticleLinks
{
    public static string Article(DateTime publishedAt, string slug) =>
        string.Create(CultureInfo.InvariantCulture, $"/{publishedAt.Year:0000}/{publishedAt.Month:00}/{slug}");

    public static string Category(string slug) => "/category/" + slug;

    public static string Tag(string slug) => "/tag/" + slug;

    public static string Author(string slug) => "/author/" + slug;
}
