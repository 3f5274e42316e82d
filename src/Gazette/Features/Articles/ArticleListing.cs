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

    /// <summary>One page of <paramref name="ordered"/>, in two queries whatever the page.</summary>
    public static async Task<ArticlePage> PageAsync(
        IQueryable<Article> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var articles = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(a => new ArticleSummary(
                a.Id, a.Title, a.Slug, a.PublishedAt!.Value, a.Summary,
                a.Author!.DisplayName, a.Author.Slug, a.FeaturedImageUrl, a.FeaturedImageAlt, a.IsSticky))
            .ToListAsync(cancellationToken);
        return new ArticlePage(articles, page, pageCount);
    }
}
