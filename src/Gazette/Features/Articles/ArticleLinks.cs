using System.Globalization;
using Gazette.Data;

namespace Gazette.Features.Articles;

/// <summary>The public URLs of articles and archives, in one place.</summary>
public static class ArticleLinks
{
    public static string Article(DateTime publishedAt, string slug) =>
        string.Create(CultureInfo.InvariantCulture, $"/{publishedAt.Year:0000}/{publishedAt.Month:00}/{slug}");

    /// <summary>A static page's URL: its slug at the root, like <c>/about</c>.</summary>
    public static string Page(string slug) => "/" + slug;

    /// <summary>The public URL of an article or page, by its kind.</summary>
    public static string Of(ArticleKind kind, DateTime publishedAt, string slug) =>
        kind == ArticleKind.Page ? Page(slug) : Article(publishedAt, slug);

    /// <summary>A comment's lasting address: it answers with the article page (and conversation page) that shows it.</summary>
    public static string Comment(int commentId) => string.Create(CultureInfo.InvariantCulture, $"/comments/{commentId}");

    /// <summary>The article's address showing page <paramref name="page"/> of its conversation, at <paramref name="anchor"/>.</summary>
    public static string ConversationPage(string articleUrl, int? page, string anchor) =>
        page is { } number ? string.Create(CultureInfo.InvariantCulture, $"{articleUrl}?cpage={number}#{anchor}") : $"{articleUrl}#{anchor}";

    public static string Year(int year) => string.Create(CultureInfo.InvariantCulture, $"/{year:0000}");

    public static string Month(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"/{year:0000}/{month:00}");

    public static string Category(string slug) => "/category/" + slug;

    public static string Tag(string slug) => "/tag/" + slug;

    public static string Author(string slug) => "/author/" + slug;
}
