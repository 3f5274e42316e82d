using System.Net;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>
/// The home page reads like a newspaper's front page: a lead story, stories beside it, a block per
/// section in the order Editors set, then the latest stories, with no story twice; a section's
/// page has the same shape for its own stories.
/// </summary>
public abstract class FrontPageTests(GazetteApp app)
{
    private const string Screen = "/admin/front-page";

    [Fact]
    public async Task TheNewestFeaturedStoryLeadsUnlessAnEditorPicksOneAndTheRestFollowWithoutRepeats()
    {
        var editor = await StaffAsync(StaffRoles.Editor);
        await SaveAsync(editor, lead: null, sections: []);
        await app.WithDbAsync(db => db.Articles.ExecuteUpdateAsync(set => set.SetProperty(a => a.IsSticky, false)));
        var stories = await StoriesAsync(6);
        var featured = await app.CreateArticleAsync(a => { a.IsSticky = true; a.PublishedAt = DateTime.UtcNow.AddDays(-2); a.Title = "Featured " + a.Slug; });

        var home = await ReadAsync("/");

        Assert.Equal(featured.Title, home.TextOf(".front-top .lead h2"));
        Assert.Equal(stories.Take(4).Select(s => s.Title), Titles(home, ".secondary-stories"));
        Assert.Equal(stories.Skip(4).Select(s => s.Title), Titles(home, ".river").Take(2));
        // No story twice at the top, and the river leaves out the lead and the stories beside it.
        var top = Titles(home, ".front-top").Concat(Titles(home, ".section-block")).ToList();
        Assert.Equal(top.Count, top.Distinct().Count());
        Assert.Empty(Titles(home, ".front-top").Intersect(Titles(home, ".river")));

        // An Editor puts an older story at the top; it leads until it is taken down.
        var picked = stories[5];
        var saved = await SaveAsync(editor, picked.Id, []);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await saved.ReadDocumentAsync()).QuerySelector(".form-errors")?.TextContent);
        Assert.Equal($"{picked.Id}", (await editor.GetDocumentAsync(Screen)).QuerySelector("#lead-story option[selected]")?.GetAttribute("value"));
        home = await ReadAsync("/");
        Assert.Equal(picked.Title, home.TextOf(".front-top .lead h2"));
        Assert.Equal(featured.Title, Titles(home, ".secondary-stories").First());

        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == picked.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, ArticleStatus.Draft)));
        Assert.Equal(featured.Title, (await ReadAsync("/")).TextOf(".front-top .lead h2"));
        await SaveAsync(editor, lead: null, sections: []);
    }

    [Fact]
    public async Task SectionBlocksFollowTheSettingsInTheirOrderWithTheirNewestStories()
    {
        var editor = await StaffAsync(StaffRoles.Editor);
        var (courts, weather) = await app.WithDbAsync(async db =>
        {
            var c = new Category { Name = "Courts " + app.Unique("c"), Slug = app.Unique("courts") };
            var w = new Category { Name = "Weather " + app.Unique("w"), Slug = app.Unique("weather") };
            db.AddRange(c, w);
            await db.SaveChangesAsync();
            return (c, w);
        });
        // Older than the top stories, so that they are the blocks' own.
        var inCourts = await StoriesAsync(3, courts.Id, daysAgo: 20);
        var inWeather = await StoriesAsync(6, weather.Id, daysAgo: 30);
        await StoriesAsync(5);

        var saved = await SaveAsync(editor, null, [(weather.Id, 1), (courts.Id, 2)], perSection: 5);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = await ReadAsync("/");
        var blocks = home.QuerySelectorAll(".section-block").ToList();
        Assert.Equal([weather.Name, courts.Name], blocks.Select(b => b.TextOf(".section-heading")).ToList());
        Assert.Equal(inWeather.Take(5).Select(s => s.Title), blocks[0].QuerySelectorAll(".article-card h3").Select(h => h.TextContent.Trim()));
        Assert.Equal(inCourts.Select(s => s.Title), blocks[1].QuerySelectorAll(".article-card h3").Select(h => h.TextContent.Trim()));
        Assert.Equal(ArticleLinks.Category(weather.Slug), blocks[0].QuerySelector(".more-link a")!.GetAttribute("href"));

        // The other way round, and one left off.
        await SaveAsync(editor, null, [(courts.Id, 1)], perSection: 2);
        home = await ReadAsync("/");
        Assert.Equal([courts.Name], home.QuerySelectorAll(".section-block .section-heading").Select(h => h.TextContent.Trim()).ToList());
        Assert.Equal(2, home.QuerySelectorAll(".section-block .article-card").Length);
        await SaveAsync(editor, null, []);
    }

    [Fact]
    public async Task ASectionsPageLeadsWithItsOwnStoryThenItsSubSectionsThenItsLatest()
    {
        var (parent, child) = await app.WithDbAsync(async db =>
        {
            var p = new Category { Name = "Islands " + app.Unique("i"), Slug = app.Unique("islands") };
            var c = new Category { Name = "Holm " + app.Unique("h"), Slug = app.Unique("holm"), Parent = p };
            db.AddRange(p, c);
            await db.SaveChangesAsync();
            return (p, c);
        });
        var own = await StoriesAsync(7, parent.Id, daysAgo: 1);
        var under = await StoriesAsync(2, child.Id, daysAgo: 3);

        var page = await ReadAsync(ArticleLinks.Category(parent.Slug));

        Assert.Equal(own[0].Title, page.TextOf(".front-top .lead h2"));
        Assert.Equal(own.Skip(1).Take(4).Select(s => s.Title), Titles(page, ".secondary-stories"));
        Assert.Equal([child.Name], page.QuerySelectorAll(".section-block .section-heading").Select(h => h.TextContent.Trim()).ToList());
        Assert.Equal(under.Select(s => s.Title), Titles(page, ".section-block"));
        Assert.Equal(own.Skip(5).Select(s => s.Title).Concat(under.Select(s => s.Title)), Titles(page, ".river"));
    }

    [Fact]
    public async Task TheLatestRiverPagesOnWithoutTheTopAndLaterPagesAreTheRiverAlone()
    {
        var editor = await StaffAsync(StaffRoles.Editor);
        await SaveAsync(editor, lead: null, sections: []);
        await app.WithDbAsync(db => db.Articles.ExecuteUpdateAsync(set => set.SetProperty(a => a.IsSticky, false)));
        await StoriesAsync(25);

        var first = await ReadAsync("/");
        var second = await ReadAsync("/?page=2");

        Assert.Null(second.QuerySelector(".front-top"));
        Assert.Empty(second.QuerySelectorAll(".section-block"));
        Assert.Equal(10, second.QuerySelectorAll(".article-list .article-card").Length);
        // Page 1's river starts after the five top stories (the first page's ten, less those five).
        Assert.Equal(5, first.QuerySelectorAll(".river .article-card").Length);
        Assert.Empty(AllTitles(first).Intersect(AllTitles(second)));
        Assert.NotNull(first.QuerySelector(".river .pager a[rel=next]"));
    }

    [Fact]
    public async Task EditorsArrangeTheFrontPageAndAuthorsCannot()
    {
        var author = await StaffAsync(StaffRoles.Author);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync(new Uri(Screen, UriKind.Relative))).StatusCode);

        var editor = await StaffAsync(StaffRoles.Editor);
        var draft = await app.CreateArticleAsync(a => a.Status = ArticleStatus.Draft);
        var refused = await SaveAsync(editor, draft.Id, []);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not published", (await refused.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);
    }

    private async Task<HttpClient> StaffAsync(string role)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, role);
        return browser;
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient editor, int? lead, (int Id, int Place)[] sections, int perSection = 4)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.LeadStoryId"] = lead?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["Form.StoriesPerSection"] = perSection.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (id, place) in sections)
        {
            fields[$"Form.SectionOrder[{id}]"] = place.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await editor.PostFormAsync(Screen, Screen, fields);
    }

    /// <summary>Stories published a minute apart, newest first, optionally filed in a section and dated back.</summary>
    private async Task<List<Article>> StoriesAsync(int count, int? sectionId = null, int daysAgo = 0)
    {
        // Seconds apart, and newer than any story an earlier test made (unless dated back).
        var stories = new List<Article>();
        var newest = await app.WithDbAsync(db => db.Articles.MaxAsync(a => a.PublishedAt));
        var now = DateTime.UtcNow;
        var start = daysAgo > 0 ? now.AddDays(-daysAgo) : newest is { } n && n.AddSeconds(count + 1) > now ? n.AddSeconds(count + 1) : now;
        for (var i = 0; i < count; i++)
        {
            var at = start.AddSeconds(-i - 1);
            stories.Add(await app.CreateArticleAsync(a => { a.PublishedAt = at; a.Title = $"Story {i} " + a.Slug; }));
        }
        if (sectionId is { } section)
        {
            await app.WithDbAsync(async db =>
            {
                var category = await db.Categories.SingleAsync(c => c.Id == section);
                foreach (var story in stories)
                {
                    (await db.Articles.Include(a => a.Categories).SingleAsync(a => a.Id == story.Id)).Categories.Add(category);
                }
                await db.SaveChangesAsync();
            });
        }
        return stories;
    }

    private Task<IHtmlDocument> ReadAsync(string path) => app.CreateBrowser().GetDocumentAsync(path);

    private static List<string> Titles(IHtmlDocument page, string within) =>
        page.QuerySelectorAll($"{within} .article-card h2, {within} .article-card h3").Select(h => h.TextContent.Trim()).ToList();

    private static List<string> AllTitles(IHtmlDocument page) =>
        page.QuerySelectorAll(".article-card h2, .article-card h3").Select(h => h.TextContent.Trim()).ToList();
}

public sealed class FrontPageOnSqlite(SqliteApp app) : FrontPageTests(app), IClassFixture<SqliteApp>;

public sealed class FrontPageOnPostgreSql(PostgreSqlApp app) : FrontPageTests(app), IClassFixture<PostgreSqlApp>;
