using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>
/// Each public page costs the same number of queries however large the site grows: measured on
/// a small site, then again after it has grown fivefold in articles, comments and terms. The
/// page cache is switched off here, so that every view is rendered.
/// </summary>
public sealed class QueriesPerPageTests(QueriesPerPageTests.App app) : IClassFixture<QueriesPerPageTests.App>
{
    public sealed class App : GazetteApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("Gazette:Cache:Enabled", "false");
            builder.UseSetting("Gazette:Sitemaps:UrlsPerFile", "5");
        }
    }

    [Fact]
    public async Task NoPublicPageCostsMoreQueriesOnABiggerSite()
    {
        var category = new Category { Name = "Harbour works", Slug = app.Unique("works") };
        var first = await GrowAsync(category, 12);
        var small = await CountAllAsync(first, category.Slug);

        var last = await GrowAsync(category, 60);
        var big = await CountAllAsync(last, category.Slug);

        Assert.All(small, page => Assert.True(page.Value > 0, $"{page.Key} was counted"));
        Assert.Equal(small, big);
    }

    [Fact]
    public async Task APagePastTheLastIsNotFound()
    {
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/?page=1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/?page=100000", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/?page=0", UriKind.Relative))).StatusCode);
    }

    /// <summary>Adds <paramref name="count"/> articles, each with comments, a tag and the category; returns the last.</summary>
    private async Task<Article> GrowAsync(Category category, int count)
    {
        Article last = null!;
        // Every story with the demo's library picture, as the demo article has: each list page then looks its sizes up.
        var picture = await app.WithDbAsync(db => db.MediaItems.OrderBy(m => m.Id).Select(m => m.Path).FirstAsync());
        for (var i = 0; i < count; i++)
        {
            last = await app.CreateArticleAsync(a => { a.PublishedAt = DateTime.UtcNow.AddMinutes(-count + i); a.FeaturedImageUrl = picture; });
            for (var c = 0; c < 3; c++)
            {
                await app.AddCommentAsync(last);
            }
        }
        await app.WithDbAsync(async db =>
        {
            var stored = category.Id == 0 ? db.Categories.Add(category).Entity : await db.Categories.SingleAsync(c => c.Id == category.Id);
            var tag = new Tag { Name = "Tide " + app.Unique("t"), Slug = app.Unique("tide") };
            foreach (var article in await db.Articles.Include(a => a.Categories).Include(a => a.Tags).Where(a => a.Kind == ArticleKind.Post).ToListAsync())
            {
                article.Categories.Add(stored);
                article.Tags.Add(tag);
            }
            await db.SaveChangesAsync();
        });
        return last;
    }

    private async Task<Dictionary<string, int>> CountAllAsync(Article article, string categorySlug)
    {
        var tag = await app.WithDbAsync(db => db.Tags.OrderByDescending(t => t.Id).Select(t => t.Slug).FirstAsync());
        var pages = new[]
        {
            "/", "/?page=2", GazetteApp.UrlOf(article), ArticleLinks.Category(categorySlug), ArticleLinks.Category(categorySlug) + "?page=2",
            ArticleLinks.Tag(tag), ArticleLinks.Author("mara-lindqvist"), ArticleLinks.Year(article.PublishedAt!.Value.Year),
            "/feed", ArticleLinks.Category(categorySlug) + "/feed", "/comments/feed", "/sitemap.xml", "/sitemap-posts-1.xml",
            "/search?q=words",
        };
        var browser = app.CreateBrowser();
        var counts = new Dictionary<string, int>();
        foreach (var page in pages)
        {
            // Once to warm what a first view sets up, then counted.
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(page, UriKind.Relative))).StatusCode);
            var key = page.Replace(categorySlug, "{category}", StringComparison.Ordinal).Replace(tag, "{tag}", StringComparison.Ordinal)
                .Replace(GazetteApp.UrlOf(article), "{article}", StringComparison.Ordinal);
            counts[key] = await app.Queries.CountAsync(() => browser.GetStringAsync(new Uri(page, UriKind.Relative)));
        }
        return counts;
    }
}
