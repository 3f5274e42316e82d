using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>The home page and the archives: what readers browse to reach an article.</summary>
public abstract class ReadingTheSiteTests(GazetteApp app)
{
    [Fact]
    public async Task HomeListsNewestFirstWithStickyOnTopAndPages()
    {
        // Run on a quiet home page: the newest things on it are what this test publishes.
        var now = DateTime.UtcNow.AddYears(1);
        var sticky = await app.CreateArticleAsync(a => { a.IsSticky = true; a.PublishedAt = now.AddDays(-30); a.Title = "Sticky " + a.Slug; });
        var articles = new List<Article>();
        for (var i = 0; i < 12; i++)
        {
            var publishedAt = now.AddMinutes(i);
            articles.Add(await app.CreateArticleAsync(a => a.PublishedAt = publishedAt));
        }
        var draft = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Draft; a.PublishedAt = now.AddDays(1); });

        var browser = app.CreateBrowser();
        var home = await browser.GetDocumentAsync("/");
        var titles = Titles(home);

        // The featured story leads, however old; the newest stand beside it, then the latest follow.
        Assert.Equal(sticky.Title, home.TextOf(".front-top .lead h2"));
        Assert.Equal(articles[^1].Title, titles[1]);
        Assert.Equal(articles[^2].Title, titles[2]);
        Assert.DoesNotContain(draft.Title, titles);
        Assert.Equal("?page=2", home.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        // The first page's river is the ten newest less the four beside the lead.
        Assert.Equal(articles.AsEnumerable().Reverse().Skip(4).Take(6).Select(a => a.Title), Titles(home, ".river"));

        var second = await browser.GetDocumentAsync("/?page=2");
        var secondTitles = Titles(second);
        Assert.Equal(10, secondTitles.Count);
        Assert.Contains(articles[1].Title, secondTitles);
        // Past the first page, the river is every story by date: the featured one in its place.
        Assert.Contains(sticky.Title, secondTitles);
        Assert.Null(second.QuerySelector(".front-top"));
    }

    private static List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument page, string within = "") =>
        page.QuerySelectorAll($"{within} .article-card h2, {within} .article-card h3").Select(h => h.TextContent.Trim()).ToList();

    [Fact]
    public async Task CategoryPageIncludesItsSubcategories()
    {
        var parentSlug = app.Unique("world");
        var (parent, child) = await app.WithDbAsync(async db =>
        {
            var parent = new Category { Name = "World " + parentSlug, Slug = parentSlug, Description = "Beyond the bay." };
            var child = new Category { Name = "Europe", Slug = app.Unique("europe"), Parent = parent };
            db.AddRange(parent, child);
            await db.SaveChangesAsync();
            return (parent, child);
        });
        var inParent = await app.CreateArticleAsync();
        var inChild = await app.CreateArticleAsync();
        var elsewhere = await app.CreateArticleAsync();
        await app.WithDbAsync(async db =>
        {
            (await db.Articles.Include(a => a.Categories).SingleAsync(a => a.Id == inParent.Id)).Categories.Add(db.Categories.Single(c => c.Id == parent.Id));
            (await db.Articles.Include(a => a.Categories).SingleAsync(a => a.Id == inChild.Id)).Categories.Add(db.Categories.Single(c => c.Id == child.Id));
            await db.SaveChangesAsync();
        });

        var page = await app.CreateBrowser().GetDocumentAsync("/category/" + parentSlug);
        var titles = Titles(page);

        Assert.Equal(parent.Name, page.TextOf(".archive-header h1"));
        Assert.Equal("Beyond the bay.", page.TextOf(".archive-description"));
        Assert.Contains(inParent.Title, titles);
        Assert.Contains(inChild.Title, titles);
        Assert.DoesNotContain(elsewhere.Title, titles);
    }

    [Fact]
    public async Task TagAndAuthorPagesListTheirArticles()
    {
        var tagSlug = app.Unique("tides");
        var tagged = await app.CreateArticleAsync(a => a.Tags.Add(new Tag { Name = "Tides", Slug = tagSlug }));
        var untagged = await app.CreateArticleAsync();
        var browser = app.CreateBrowser();

        var tagPage = await browser.GetDocumentAsync("/tag/" + tagSlug);
        var tagTitles = tagPage.QuerySelectorAll(".article-card h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal([tagged.Title], tagTitles);

        var authorPage = await browser.GetDocumentAsync("/author/mara-lindqvist");
        Assert.Equal("Mara Lindqvist", authorPage.TextOf(".archive-header h1"));
        Assert.Contains("transport and the harbour", authorPage.TextOf(".archive-description"), StringComparison.Ordinal);
        Assert.NotEmpty(authorPage.QuerySelectorAll(".article-card"));
        Assert.DoesNotContain(untagged.Title, tagTitles);
    }

    [Theory]
    [InlineData("/category/no-such-category")]
    [InlineData("/tag/no-such-tag")]
    [InlineData("/author/no-such-author")]
    [InlineData("/2026/11/no-such-article")]
    [InlineData("/no/such/page/at/all")]
    public async Task AnswersNotFoundWithAPageForReaders(string url)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Page not found", page.TextOf("h1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(200)]
    public async Task ArticlePageIssuesTheSameQueriesWhateverTheNumberOfComments(int comments)
    {
        var article = await app.CreateArticleAsync();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < comments; i++)
            {
                db.Comments.Add(new Comment
                {
                    ArticleId = article.Id, AuthorName = $"Reader {i}", AuthorEmail = $"r{i}@example.org",
                    Text = "Comment " + i, Status = CommentStatus.Approved, CreatedAt = DateTime.UtcNow.AddMinutes(i),
                    ParentId = null,
                });
            }
            await db.SaveChangesAsync();
        });
        var browser = app.CreateBrowser();
        var url = new Uri(GazetteApp.UrlOf(article), UriKind.Relative);
        // What every page shows (the menus) is read once per change, by whichever page comes first.
        await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        string html = "";
        var queries = await app.Queries.CountAsync(async () => html = await browser.GetStringAsync(url));

        // The article, its categories and tags, the outline of the conversation and the comments of
        // its page, then the previous and next articles together (it has no terms, so no related ones).
        Assert.Equal(5, queries);
        Assert.Contains(comments == 0 ? "No comments yet." : $"Comment {comments - 1}", html, StringComparison.Ordinal);
    }
}

public sealed class ReadingTheSiteOnSqlite(SqliteApp app) : ReadingTheSiteTests(app), IClassFixture<SqliteApp>;

public sealed class ReadingTheSiteOnPostgreSql(PostgreSqlApp app) : ReadingTheSiteTests(app), IClassFixture<PostgreSqlApp>;
