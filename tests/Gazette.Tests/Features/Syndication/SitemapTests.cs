using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;

namespace Gazette.Tests.Features.Syndication;

/// <summary>The sitemap index and its paged files, the Google News sitemap, and robots.txt.</summary>
public abstract class SitemapTests(GazetteApp app)
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    [Fact]
    public async Task TheIndexListsPagedFilesThatTogetherHoldEveryPublicPage()
    {
        var category = new Category { Name = "Harbour works", Slug = app.Unique("works") };
        var posts = new List<Article>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await app.CreateArticleAsync());
        }
        await app.FileUnderAsync(posts[0], category);
        var tag = await app.TagAsync(posts[1]);
        var page = await app.CreateArticleAsync(a => a.Kind = ArticleKind.Page);
        var hidden = new[]
        {
            await app.CreateArticleAsync(a => a.Status = ArticleStatus.Draft),
            await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Scheduled; a.PublishedAt = DateTime.UtcNow.AddDays(1); }),
            await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Draft; a.Kind = ArticleKind.Page; }),
        };
        var emptyTag = await app.TagAsync(hidden[0]);
        var browser = app.CreateBrowser();

        var index = await GetXmlAsync(browser, "/sitemap.xml");
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var files = index.Root.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToList();
        Assert.All(index.Root.Elements(Sitemap + "sitemap"), s => W3CDate(s.Element(Sitemap + "lastmod")!.Value));
        var locs = new List<string>();
        foreach (var file in files.Where(f => !f.EndsWith("/sitemap-news.xml", StringComparison.Ordinal)))
        {
            Assert.StartsWith("http://localhost/sitemap-", file, StringComparison.Ordinal);
            var urlset = await GetXmlAsync(browser, new Uri(file).PathAndQuery);
            Assert.Equal(Sitemap + "urlset", urlset.Root!.Name);
            var urls = urlset.Root.Elements(Sitemap + "url").ToList();
            Assert.InRange(urls.Count, 1, 2); // Gazette:Sitemaps:UrlsPerFile is 2 in this app.
            Assert.All(urls, u => W3CDate(u.Element(Sitemap + "lastmod")!.Value));
            locs.AddRange(urls.Select(u => u.Element(Sitemap + "loc")!.Value));
        }
        // Posts files are ranges of ids, two ids a file here: every published post is in exactly one.
        var publishedPosts = await app.WithDbAsync(db => db.Articles.Published().Posts().Select(a => a.Slug).ToListAsync());
        Assert.Equal(publishedPosts.Count, locs.Count(l => publishedPosts.Any(slug => l.EndsWith("/" + slug, StringComparison.Ordinal))));
        Assert.Contains("http://localhost/sitemap-posts-1.xml", files);

        var expected = posts.Select(GazetteApp.UrlOf)
            .Concat(["/", ArticleLinks.Page(page.Slug), ArticleLinks.Category(category.Slug), ArticleLinks.Tag(tag), ArticleLinks.Author("mara-lindqvist")]);
        Assert.All(expected, path => Assert.Contains("http://localhost" + path, locs));
        Assert.Equal(locs.Count, locs.Distinct().Count());
        Assert.All(hidden, a => Assert.DoesNotContain(locs, l => l.EndsWith("/" + a.Slug, StringComparison.Ordinal)));
        Assert.DoesNotContain("http://localhost" + ArticleLinks.Tag(emptyTag), locs);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/sitemap-posts-999.xml", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheNewsSitemapHoldsOnlyTheLastTwoDays()
    {
        var now = DateTime.UtcNow;
        var recent = await app.CreateArticleAsync(a => { a.PublishedAt = now.AddHours(-1); a.Title = "Tide & <Moon> \"tables\" " + a.Slug; });
        var yesterday = await app.CreateArticleAsync(a => a.PublishedAt = now.AddHours(-47));
        var old = new[]
        {
            await app.CreateArticleAsync(a => a.PublishedAt = now.AddHours(-49)),
            await app.CreateArticleAsync(a => a.PublishedAt = now.AddDays(-30)),
            await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Draft; a.PublishedAt = now.AddHours(-2); }),
            await app.CreateArticleAsync(a => { a.Kind = ArticleKind.Page; a.PublishedAt = now.AddHours(-2); }),
        };

        var news = await GetXmlAsync(app.CreateBrowser(), "/sitemap-news.xml");

        Assert.Equal(Sitemap + "urlset", news.Root!.Name);
        var entries = news.Root.Elements(Sitemap + "url").ToDictionary(u => u.Element(Sitemap + "loc")!.Value);
        Assert.Contains("http://localhost" + GazetteApp.UrlOf(yesterday), entries.Keys);
        Assert.All(old, a => Assert.DoesNotContain(entries.Keys, k => k.EndsWith("/" + a.Slug, StringComparison.Ordinal)));
        var item = entries["http://localhost" + GazetteApp.UrlOf(recent)].Element(News + "news")!;
        Assert.Equal("The Gazette", item.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("en", item.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal(recent.Title, item.Element(News + "title")!.Value);
        Assert.Equal(recent.PublishedAt!.Value, W3CDate(item.Element(News + "publication_date")!.Value), TimeSpan.FromSeconds(1));
        Assert.All(entries.Values, u => Assert.InRange(W3CDate(u.Element(News + "news")!.Element(News + "publication_date")!.Value), now.AddHours(-48), now.AddMinutes(1)));
    }

    [Fact]
    public async Task RobotsTxtPointsAtTheSitemapsAndKeepsCrawlersOutOfTheNewsroom()
    {
        var response = await app.CreateBrowser().GetAsync(new Uri("/robots.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Disallow: /admin/", lines);
        Assert.Contains("Disallow: /admin$", lines);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
        Assert.Contains("Sitemap: http://localhost/sitemap-news.xml", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Disallow: /", StringComparison.Ordinal) && !l.StartsWith("Disallow: /admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnchangedSitemapAnswersNotModified()
    {
        var browser = app.CreateBrowser();
        var first = await browser.GetAsync(new Uri("/sitemap.xml", UriKind.Relative));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sitemap.xml", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, (await browser.SendAsync(request)).StatusCode);
    }

    private static async Task<XDocument> GetXmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static DateTime W3CDate(string value) =>
        DateTime.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

/// <summary>Sitemap files of two addresses each, so that a handful of articles fills several.</summary>
public sealed class SmallSitemapsOnSqliteApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:Sitemaps:UrlsPerFile", "2");
    }
}

/// <inheritdoc cref="SmallSitemapsOnSqliteApp"/>
public sealed class SmallSitemapsOnPostgreSqlApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        PostgreSqlApp.UseNewDatabase(builder);
        builder.UseSetting("Gazette:Sitemaps:UrlsPerFile", "2");
    }
}

public sealed class SitemapsOnSqlite(SmallSitemapsOnSqliteApp app) : SitemapTests(app), IClassFixture<SmallSitemapsOnSqliteApp>;

public sealed class SitemapsOnPostgreSql(SmallSitemapsOnPostgreSqlApp app) : SitemapTests(app), IClassFixture<SmallSitemapsOnPostgreSqlApp>;
