using System.Linq.Expressions;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>An article as it appears in a list: home page and archives.</summary>
public sealed record ArticleSummary(
    int Id, string Title, string Slug, DateTime PublishedAt, string Summary,
    string AuthorName, string AuthorSlug, string? ImageUrl, string? ImageAlt, bool IsSticky)
{
    public string Url => ArticleLinks.Article(PublishedAt, Slug);

    /// <summary>The card's image as sized copies, when it is in the media library.</summary>
    public Media.ResponsiveImage? Picture { get; init; }

    /// <summary>The section it is filed under (its first category by name, as the article's own kicker), if any.</summary>
    public string? SectionName { get; init; }

    public string? SectionSlug { get; init; }

    /// <summary>Readers need a password to read it: the card has no summary, picture or comment count, and says so.</summary>
    public bool IsProtected { get; init; }

    /// <summary>Approved comments under it.</summary>
    public int CommentCount { get; init; }

    /// <summary>Who wrote it with the author, in byline order.</summary>
    public IReadOnlyList<BylineName> CoAuthors { get; init; } = [];
}

public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Articles, int Page, int PageCount)
{
    /// <summary>
    /// What a cached list page shows of its articles, to be evicted with them: each article, and its
    /// conversation (the cards show comment counts).
    /// </summary>
    public IEnumerable<string> CacheTags => TagsOf(Articles);

    /// <summary>What a cached page showing <paramref name="articles"/> shows of them: each article and its conversation.</summary>
    public static IEnumerable<string> TagsOf(IEnumerable<ArticleSummary> articles) =>
        articles.SelectMany(a => new[] { Infrastructure.CacheTags.Article(a.Id), Infrastructure.CacheTags.Conversation(a.Id) });

    public bool HasNewer => Page > 1;
    public bool HasOlder => Page < PageCount;
}

public static class ArticleListing
{
    /// <summary>What readers may see: published, with a publication time.</summary>
    /// <remarks>Also an expression of its own, for compiled queries (<c>Where(ArticleListing.IsPublished)</c>).</remarks>
    public static readonly Expression<Func<Article, bool>> IsPublished =
        a => a.Status == ArticleStatus.Published && a.PublishedAt != null;

    /// <summary>What readers may see: published, with a publication time.</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles) => articles.Where(IsPublished);

    /// <summary>Dated articles only, not static pages: for lists, archives and feeds.</summary>
    public static readonly Expression<Func<Article, bool>> IsPost = a => a.Kind == ArticleKind.Post;

    /// <summary>Dated articles only, not static pages: for lists, archives and feeds.</summary>
    public static IQueryable<Article> Posts(this IQueryable<Article> articles) => articles.Where(IsPost);

    /// <summary>A post next to another in time.</summary>
    public sealed record Neighbour(int Id, string Title, string Slug, DateTime PublishedAt)
    {
        public string Url => ArticleLinks.Article(PublishedAt, Slug);
    }

    /// <summary>
    /// The published posts just before and just after the one published at <c>publishedAt</c> with id
    /// <c>id</c> (order by time, then id): none, one or both, in one statement. Compiled once: every
    /// article view asks, and so does every eviction of a re-dated article.
    /// </summary>
    public static readonly CompiledQuery<Func<GazetteDbContext, DateTime, int, IAsyncEnumerable<Neighbour>>> Neighbours = new(() =>
        EF.CompileAsyncQuery((GazetteDbContext db, DateTime publishedAt, int id) => db.Articles.AsNoTracking()
            .Where(IsPublished).Where(IsPost)
            .Where(a => a.PublishedAt < publishedAt || (a.PublishedAt == publishedAt && a.Id < id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(1)
            .Concat(db.Articles.AsNoTracking()
                .Where(IsPublished).Where(IsPost)
                .Where(a => a.PublishedAt > publishedAt || (a.PublishedAt == publishedAt && a.Id > id))
                .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
                .Take(1))
            .Select(a => new Neighbour(a.Id, a.Title, a.Slug, a.PublishedAt!.Value))));

    /// <summary>Whether <paramref name="neighbour"/> comes before the post published at <paramref name="publishedAt"/> with id <paramref name="id"/>.</summary>
    public static bool IsBefore(this Neighbour neighbour, DateTime publishedAt, int id)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        return neighbour.PublishedAt < publishedAt || (neighbour.PublishedAt == publishedAt && neighbour.Id < id);
    }

    /// <summary>
    /// Articles filed under any of the categories <paramref name="categoryIds"/>, as an
    /// <c>IN (…)</c> over the join rows alone: the database starts from a category's few join rows
    /// and looks each article up in an index, rather than testing every article of the site.
    /// </summary>
    public static IQueryable<Article> InCategories(this IQueryable<Article> articles, GazetteDbContext db, IReadOnlyCollection<int> categoryIds) =>
        FiledUnder(articles, db, GazetteDbContext.ArticleCategories, GazetteDbContext.CategoriesId, categoryIds);

    /// <summary>
    /// The top-level sections holding published stories (their own or their sub-sections'), the most
    /// filled first: what a site shows until staff choose (its masthead menu, its front page's sections).
    /// </summary>
    public static IQueryable<Category> MostFilledSections(this IQueryable<Category> categories) =>
        categories
            .Where(c => c.ParentId == null)
            .Select(c => new
            {
                Section = c,
                Stories = c.Articles.Count(a => a.Status == ArticleStatus.Published && a.Kind == ArticleKind.Post)
                    + c.Children.SelectMany(s => s.Articles).Count(a => a.Status == ArticleStatus.Published && a.Kind == ArticleKind.Post),
            })
            .Where(c => c.Stories > 0)
            .OrderByDescending(c => c.Stories).ThenBy(c => c.Section.Name)
            .Select(c => c.Section);

    /// <summary>Articles with <paramref name="userId"/> in the byline: as their author or written with others.</summary>
    public static IQueryable<Article> By(this IQueryable<Article> articles, string userId) =>
        articles.Where(a => a.AuthorId == userId || a.CoAuthors.Any(c => c.UserId == userId));

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

/// <summary>A name in a byline, with the author's archive.</summary>
public sealed record BylineName(string Name, string Slug)
{
    public string Url => ArticleLinks.Author(Slug);
}

/// <summary>How one story's card is drawn: its picture's sizes, whether it loads first, its title's heading level and shape.</summary>
public sealed record StoryCard(ArticleSummary Article, string Sizes, bool Eager, int Heading)
{
    /// <summary>The card's layout class: <c>listed</c> (a row of a list), <c>lead</c> or <c>gridded</c>.</summary>
    public string Shape { get; init; } = "listed";
    public bool ShowSection { get; init; } = true;
    public bool ShowSummary { get; init; } = true;
}
