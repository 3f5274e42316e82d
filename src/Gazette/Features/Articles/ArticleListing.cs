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

    /// <summary>
    /// Articles filed under any of the categories <paramref name="categoryIds"/>, as an
    /// <c>IN (…)</c> over the join rows alone: the database starts from a category's few join rows
    /// and looks each article up in an index, rather than testing every article of the site.
    /// </summary>
    public static IQueryable<Article> InCategories(this IQueryable<Article> articles, GazetteDbContext db, IReadOnlyCollection<int> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filed = db.Set<Dictionary<string, object>>(GazetteDbContext.ArticleCategories)
            .Where(row => categoryIds.Contains(EF.Property<int>(row, "CategoriesId")))
            .Select(row => EF.Property<int>(row, "ArticlesId"));
        return articles.Where(a => filed.Contains(a.Id));
    }

    /// <summary>Articles tagged <paramref name="tagId"/>, the same way as <see cref="InCategories"/>.</summary>
    public static IQueryable<Article> Tagged(this IQueryable<Article> articles, GazetteDbContext db, int tagId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tagged = db.Set<Dictionary<string, object>>(GazetteDbContext.ArticleTags)
            .Where(row => EF.Property<int>(row, "TagsId") == tagId)
            .Select(row => EF.Property<int>(row, "ArticlesId"));
        return articles.Where(a => tagged.Contains(a.Id));
    }
}
