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
    public static string Comment(int commentId, string? notice = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/comments/{commentId}") + (notice is null ? "" : "?notice=" + Uri.EscapeDataString(notice));

    /// <summary>The article's address showing page <paramref name="page"/> of its conversation, at <paramref name="anchor"/>.</summary>
    /// <remarks>
    /// With a <paramref name="notice"/> (posted, edited, deleted) about comment <paramref name="commentId"/>,
    /// it is where the commenter lands after acting: that address is rendered for them, never cached.
    /// </remarks>
    public static string ConversationPage(string articleUrl, int? page, string anchor, string? notice = null, int? commentId = null)
    {
        var query = new List<string>();
        if (page is { } number)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"cpage={number}"));
        }
        if (notice is not null)
        {
            query.Add("notice=" + Uri.EscapeDataString(notice));
            if (commentId is { } id)
            {
                query.Add(string.Create(CultureInfo.InvariantCulture, $"comment={id}"));
            }
        }
        return articleUrl + (query.Count > 0 ? "?" + string.Join('&', query) : "") + "#" + anchor;
    }

    public static string Year(int year) => string.Create(CultureInfo.InvariantCulture, $"/{year:0000}");

    public static string Month(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"/{year:0000}/{month:00}");

    public static string Category(string slug) => "/category/" + slug;

    public static string Tag(string slug) => "/tag/" + slug;

    public static string Author(string slug) => "/author/" + slug;
}
