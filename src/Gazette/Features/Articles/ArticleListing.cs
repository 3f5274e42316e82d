using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>An article as it appears in a list: home page and archives.</summary>
public sealed record ArticleSummary(
    int Id, string Title, string Slug, DateTime PublishedAt, string Summary,
    string AuthorName, string AuthorSlug, string? ImageUrl, string? ImageAlt, bool IsSticky)
{
    public string Url => ArticleLinks.Article(PublishedAt, Slug);
}

public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Articles, int Page, int PageCount)
{
    public bool HasNewer => Page > 1;
    public bool HasOlder => Page < PageCount;
}

public static class ArticleListing
{
    /// <summary>What readers may see: published, with a publication time.</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null);

    /// <summary>Dated articles only, not static pages: for lists, archives and feeds.</summary>
    public static IQueryable<Article> Posts(this IQueryable<Article> articles) =>
        articles.Where(a => a.Kind == ArticleKind.Post);

    /// <summary>The posts before the one published at <paramref name="publishedAt"/> (id <paramref name="id"/>), its previous first.</summary>
    public static IOrderedQueryable<Article> Before(this IQueryable<Article> posts, DateTime publishedAt, int id) =>
        posts.Where(a => a.PublishedAt < publishedAt || (a.PublishedAt == publishedAt && a.Id < id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);

    /// <summary>The posts after the one published at <paramref name="publishedAt"/> (id <paramref name="id"/>), its next first.</summary>
    public static IOrderedQueryable<Article> After(this IQueryable<Article> posts, DateTime publishedAt, int id) =>
        posts.Where(a => a.PublishedAt > publishedAt || (a.PublishedAt == publishedAt && a.Id > id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id);

    /// <summary>
    /// Articles filed under any of the categories <paramref name="categoryIds"/>, as an
    /// <c>IN (…)</c> over the join rows alone: the database starts from a category's few join rows
    /// and looks each article up in an index, rather than testing every article of the site.
    /// </summary>
    public static IQueryable<Article> InCategories(this IQueryable<Article> articles, GazetteDbContext db, IReadOnlyCollection<int> categoryIds) =>
        FiledUnder(articles, db, GazetteDbContext.ArticleCategories, GazetteDbContext.CategoriesId, categoryIds);

    /// <summary>Articles tagged <paramref name="tagId"/>, the same way as <see cref="InCategories"/>.</summary>
    public static IQueryable<Article> Tagged(this IQueryable<Article> articles, GazetteDbContext db, int tagId) =>
        FiledUnder(articles, db, GazetteDbContext.ArticleTags, GazetteDbContext.TagsId, [tagId]);

    private static IQueryable<Article> FiledUnder(
        IQueryable<Article> articles, GazetteDbContext db, string joinRows, string termColumn, IReadOnlyCollection<int> termIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filed = db.Set<Dictionary<string, object>>(joinRows)
            .Where(row => termIds.Contains(EF.Property<int>(row, termColumn)))
            .Select(row => EF.Property<int>(row, GazetteDbContext.ArticlesId));
        return articles.Where(a => filed.Contains(a.Id));
    }
}
