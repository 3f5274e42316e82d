using Gazette.Data;
using Gazette.Features.Comments;
using Gazette.Features.Syndication;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.Syndication;

/// <summary>
/// Text that looks like markup, in every place a feed carries text (an article's title, summary,
/// author, category, tag and image; a commenter's name, comment and website), reaches a feed reader
/// as text in every feed and format: each field read as its format says (<see cref="FeedFields"/>)
/// holds no live markup and shows exactly the characters written.
/// </summary>
public abstract class HostileTextInFeedsTests(GazetteApp app)
{
    public static TheoryData<string> Payloads =>
    [
        "\"><img src=1 onerror=alert(1)>",
        "<script>alert(1)</script>",
        "Tom & Jerry <b>",
        // Already-escaped text must stay so: a reader must show "&lt;", not "<".
        "5 &lt; 8, ticker &amp; <BIGCO>",
        "O'Brien's \"quoted\" <a href=\"javascript:alert(1)\">link</a>",
    ];

    /// <summary>The name, for each format, of the fields compared below.</summary>
    private sealed record FieldNames(string Title, string Summary, string Author, string Category, string Credit, string Caption, string Content, string FeedDescription);

    private static readonly Dictionary<FeedFormat, FieldNames> Names = new()
    {
        [FeedFormat.Rss] = new("title", "description", "dc:creator", "category", "media:credit", "media:description", "content:encoded", "description"),
        [FeedFormat.Atom] = new("title", "summary", "name", "category@term", "media:credit", "media:description", "content", "subtitle"),
        [FeedFormat.Json] = new("title", "summary", "author", "tag", "_gazette.image_credit", "_gazette.image_caption", "content_html", "description"),
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task EveryFieldOfEveryFeedShowsItAsText(string payload)
    {
        var slug = app.Unique("hostile");
        var author = new StaffUser { UserName = slug, Email = slug + "@example.org", DisplayName = payload, Slug = slug, Bio = payload };
        await app.WithDbAsync(db => { db.Users.Add(author); return db.SaveChangesAsync(); });
        var article = await app.CreateArticleAsync(a =>
        {
            a.Title = a.Excerpt = payload;
            a.AuthorId = author.Id;
            a.FeaturedImageUrl = "https://images.example.net/hostile.png";
            a.FeaturedImageAlt = a.FeaturedImageCaption = a.FeaturedImageCredit = payload;
            a.Categories.Add(new Category { Name = payload, Slug = "c-" + slug, Description = payload });
            a.Tags.Add(new Tag { Name = payload, Slug = "t-" + slug });
        });
        var comment = await app.AddCommentAsync(article, c => { c.AuthorName = c.Text = payload; c.AuthorWebsite = "javascript:alert(1)//a.example"; });
        var articleUrl = "http://localhost" + GazetteApp.UrlOf(article);
        var commentUrl = $"http://localhost/comments/{comment.Id}";
        var browser = app.CreateBrowser();

        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            var names = Names[format];
            var site = await ReadAsync(browser, SyndicationLinks.Site(format), format);
            var category = await ReadAsync(browser, SyndicationLinks.Category("c-" + slug, format), format);
            var tag = await ReadAsync(browser, SyndicationLinks.Tag("t-" + slug, format), format);
            var byAuthor = await ReadAsync(browser, SyndicationLinks.Author(slug, format), format);
            foreach (var feed in new[] { site, category, tag, byAuthor })
            {
                Assert.Equal(payload, Shown(feed, articleUrl, names.Title));
                Assert.Equal(payload, Shown(feed, articleUrl, names.Summary));
                Assert.Equal(payload, Shown(feed, articleUrl, names.Author));
                Assert.Equal(payload, Shown(feed, articleUrl, names.Category));
                Assert.Equal(payload, Shown(feed, articleUrl, names.Credit));
                Assert.Equal(payload, Shown(feed, articleUrl, names.Caption));
                Assert.Contains($"{payload} Image source: {payload}", Shown(feed, articleUrl, names.Content), StringComparison.Ordinal);
            }
            foreach (var feed in new[] { category, tag, byAuthor })
            {
                Assert.Equal($"{payload} – The Gazette", Shown(feed, "", "title"));
            }
            Assert.Equal(payload, Shown(category, "", names.FeedDescription));
            Assert.Equal(payload, Shown(byAuthor, "", names.FeedDescription));
            Assert.Equal($"The latest articles: {payload}", Shown(tag, "", names.FeedDescription));

            var comments = await ReadAsync(browser, SyndicationLinks.Comments(format), format);
            var conversation = await ReadAsync(browser, SyndicationLinks.ArticleComments(GazetteApp.UrlOf(article), format), format);
            Assert.Equal($"Comment on {payload} by {payload}", Shown(comments, commentUrl, names.Title));
            Assert.Equal($"By {payload}", Shown(conversation, commentUrl, names.Title));
            Assert.Equal($"Comments on {payload} – The Gazette", Shown(conversation, "", "title"));
            Assert.Equal($"The conversation under \"{payload}\"", Shown(conversation, "", names.FeedDescription));
            foreach (var feed in new[] { comments, conversation })
            {
                // A comment may use a few tags (and entities) as WordPress's do: its words show as they do on the page.
                Assert.Equal(CommentText.ToPlainText(payload), Shown(feed, commentUrl, names.Summary));
                Assert.Equal(payload, Shown(feed, commentUrl, names.Author));
                Assert.Equal(FeedFields.TextOf(CommentText.ToHtml(payload).ToString()!), Shown(feed, commentUrl, names.Content));
                // The commenter's javascript: website is no link at all.
                Assert.DoesNotContain(feed, f => f.Entry == commentUrl && f.Kind == FieldKind.Url && f.Value != commentUrl);
            }
        }
    }

    /// <summary>A feed's fields, after checking that none holds live markup or a script address.</summary>
    private static async Task<IReadOnlyList<FeedField>> ReadAsync(HttpClient browser, string url, FeedFormat format)
    {
        var fields = FeedFields.Read(await browser.GetFeedAsync(url, format), format);
        var problems = fields.SelectMany(FeedFields.Problems).ToList();
        Assert.True(problems.Count == 0, $"{url}:\n{string.Join("\n", problems)}");
        return fields;
    }

    private static string Shown(IReadOnlyList<FeedField> feed, string entry, string name)
    {
        var matches = feed.Where(f => f.Entry == entry && f.Name == name).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} fields {name} in {(entry.Length == 0 ? "the feed" : entry)}");
        return matches[0].Shown;
    }
}

public sealed class HostileTextInFeedsOnSqlite(SqliteApp app) : HostileTextInFeedsTests(app), IClassFixture<SqliteApp>;

public sealed class HostileTextInFeedsOnPostgreSql(PostgreSqlApp app) : HostileTextInFeedsTests(app), IClassFixture<PostgreSqlApp>;
