using System.ServiceModel.Syndication;
using System.Xml.Linq;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Settings;
using Gazette.Features.Syndication;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Syndication;

/// <summary>Every feed, in every format, read by a strict parser: the right entries, ids, dates, text and images.</summary>
public abstract class FeedFormatsTests(GazetteApp app)
{
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly FeedFormat[] Formats = Enum.GetValues<FeedFormat>();

    [Fact]
    public async Task EveryFeedParsesInEveryFormatWithItsOwnEntries()
    {
        var parentSlug = app.Unique("world");
        var parent = new Category { Name = "World", Slug = parentSlug };
        var child = new Category { Name = "Europe", Slug = app.Unique("europe"), Parent = parent };
        var article = await app.CreateArticleAsync(a => a.Title = "Bridge opens " + a.Slug);
        var elsewhere = await app.CreateArticleAsync();
        await app.FileUnderAsync(article, child);
        var tag = await app.TagAsync(article);
        var comment = await app.AddCommentAsync(article, c => c.Text = "Worth the wait " + app.Unique("c"));
        var articleUrl = GazetteApp.UrlOf(article);

        var feeds = new (string Page, string Expected, string? NotExpected)[]
        {
            ("", article.Title, null),
            (ArticleLinks.Category(parentSlug), article.Title, elsewhere.Title),
            (ArticleLinks.Tag(tag), article.Title, elsewhere.Title),
            (ArticleLinks.Author("mara-lindqvist"), article.Title, null),
            (SyndicationLinks.CommentsPage, comment.AuthorName, null),
            (articleUrl, comment.AuthorName, null),
        };
        var browser = app.CreateBrowser();
        foreach (var (page, expected, notExpected) in feeds)
        {
            foreach (var format in Formats)
            {
                var url = SyndicationLinks.FeedOf(page, format);
                var titles = new List<string>();
                var body = await browser.GetFeedAsync(url, format);
                if (format == FeedFormat.Json)
                {
                    var feed = FeedReader.ParseJson(body);
                    Assert.Equal("http://localhost" + url, feed.FeedUrl);
                    Assert.All(feed.Items!, item => Assert.NotNull(item.DatePublished));
                    titles.AddRange(feed.Items!.Select(i => i.Title!));
                }
                else
                {
                    var feed = FeedReader.ParseXml(body, format);
                    Assert.False(string.IsNullOrWhiteSpace(feed.Title.Text), url);
                    Assert.All(feed.Items, item =>
                    {
                        Assert.StartsWith("tag:localhost,", item.Id, StringComparison.Ordinal);
                        Assert.NotEqual(default, item.PublishDate);
                        Assert.True(item.Links.Single(l => l.RelationshipType is null or "alternate").Uri.IsAbsoluteUri);
                    });
                    titles.AddRange(feed.Items.Select(i => i.Title.Text));
                }
                Assert.Contains(titles, t => t.Contains(expected, StringComparison.Ordinal));
                if (notExpected is not null)
                {
                    Assert.DoesNotContain(notExpected, titles);
                }
            }
        }
    }

    [Fact]
    public async Task TitlesWithAmpersandsMarkupQuotesAndEmojiRoundTrip()
    {
        const string title = "Fish & Chips <b>not bold</b> \"quoted\" 'single' 🚢 – naïve";
        const string commenter = "O'Brien & <Sons> \"Ltd\" 🎣";
        var article = await app.CreateArticleAsync(a => a.Title = title);
        await app.AddCommentAsync(article, c => { c.AuthorName = commenter; c.Text = "<script>alert(1)</script> & more"; });
        var tag = await app.TagAsync(article);
        var browser = app.CreateBrowser();

        foreach (var format in Formats)
        {
            var articles = await browser.GetFeedAsync(SyndicationLinks.Tag(tag, format), format);
            var comments = await browser.GetFeedAsync(SyndicationLinks.ArticleComments(GazetteApp.UrlOf(article), format), format);
            if (format == FeedFormat.Json)
            {
                Assert.Equal(title, Assert.Single(FeedReader.ParseJson(articles).Items!).Title);
                var entry = Assert.Single(FeedReader.ParseJson(comments).Items!);
                Assert.Equal(commenter, entry.Authors!.Single().Name);
                Assert.Contains("&lt;script&gt;", entry.ContentHtml, StringComparison.Ordinal);
            }
            else
            {
                // Titles and summaries are HTML (RSS's always, Atom's as type="html") that shows the characters written.
                var item = Assert.Single(FeedReader.ParseXml(articles, format).Items);
                Assert.Equal(title, FeedFields.TextOf(item.Title.Text));
                if (format == FeedFormat.Atom)
                {
                    Assert.Equal("html", item.Title.Type);
                }
                var entry = Assert.Single(FeedReader.ParseXml(comments, format).Items);
                Assert.Equal("By " + commenter, FeedFields.TextOf(entry.Title.Text));
                Assert.Equal("<script>alert(1)</script> & more", FeedFields.TextOf(entry.Summary.Text));
                var html = format == FeedFormat.Atom ? ((TextSyndicationContent)entry.Content).Text : ContentEncoded(comments);
                Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>", html);
            }
            Assert.Equal(title, Assert.Single((await IndependentFeedParser.ParseAsync(articles)).Entries).Title);
        }
    }

    [Fact]
    public async Task ControlCharactersPastedIntoATitleNeverBreakAFeed()
    {
        // XML 1.0 cannot carry U+0007 or U+000B at all: the XML formats drop them, JSON escapes them.
        var article = await app.CreateArticleAsync(a => a.Title = "Bell\u0007 rings\u000B twice");
        var tag = await app.TagAsync(article);
        var browser = app.CreateBrowser();

        Assert.Equal("Bell rings twice", Assert.Single(FeedReader.ParseXml(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Rss), FeedFormat.Rss), FeedFormat.Rss).Items).Title.Text);
        Assert.Equal("Bell rings twice", Assert.Single(FeedReader.ParseXml(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Atom), FeedFormat.Atom), FeedFormat.Atom).Items).Title.Text);
        Assert.Equal(article.Title, Assert.Single(FeedReader.ParseJson(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Json), FeedFormat.Json)).Items!).Title);
    }

    private static string ContentEncoded(string rss) =>
        XDocument.Parse(rss).Descendants(XNamespace.Get("http://purl.org/rss/1.0/modules/content/") + "encoded").Single().Value;

    [Fact]
    public async Task AnEntryKeepsItsIdThroughAnEditASlugChangeAndANewDate()
    {
        var article = await app.CreateArticleAsync(a => a.PublishedAt = a.UpdatedAt = new DateTime(2025, 3, 5, 9, 0, 0, DateTimeKind.Utc));
        var tag = await app.TagAsync(article);
        var before = await IdsAsync(tag);

        var newSlug = app.Unique("renamed");
        var edited = new DateTime(2025, 4, 1, 12, 30, 0, DateTimeKind.Utc);
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.Title, "Renamed")
            .SetProperty(a => a.Slug, newSlug)
            .SetProperty(a => a.BodyHtml, "<p>New words.</p>")
            .SetProperty(a => a.PublishedAt, new DateTime(2025, 3, 6, 9, 0, 0, DateTimeKind.Utc))
            .SetProperty(a => a.UpdatedAt, edited)));
        var after = await IdsAsync(tag);

        Assert.Equal(before.Select(e => e.Id), after.Select(e => e.Id));
        Assert.All(before, e => Assert.Matches(@"^tag:localhost,\d{4}-\d{2}-\d{2}:article-\d+$", e.Id));
        Assert.All(after, e => Assert.EndsWith("/2025/03/" + newSlug, e.Link, StringComparison.Ordinal));
        Assert.All(after, e => Assert.Equal(edited, e.Updated));
        Assert.All(after, e => Assert.Equal(new DateTime(2025, 3, 6, 9, 0, 0, DateTimeKind.Utc), e.Published));
    }

    private async Task<List<(string Id, string Link, DateTime Published, DateTime Updated)>> IdsAsync(string tag)
    {
        var browser = app.CreateBrowser();
        var entries = new List<(string, string, DateTime, DateTime)>();
        var json = Assert.Single(FeedReader.ParseJson(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Json), FeedFormat.Json)).Items!);
        entries.Add((json.Id, json.Url!, FeedReader.Date(json.DatePublished!), FeedReader.Date(json.DateModified!)));
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
        {
            var item = Assert.Single(FeedReader.ParseXml(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, format), format), format).Items);
            entries.Add((item.Id, item.Links.Single(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri, item.PublishDate.UtcDateTime, item.LastUpdatedTime.UtcDateTime));
        }
        return entries;
    }

    [Fact]
    public async Task TheFeaturedImageAndItsCreditTravelInEveryFormat()
    {
        var path = "/media/2025/03/" + app.Unique("quay") + ".jpg";
        await app.WithDbAsync(db =>
        {
            db.MediaItems.Add(new MediaItem { Path = path, OriginalFileName = "quay.jpg", ContentType = "image/jpeg", Width = 1600, Height = 900, Bytes = 48_213, UploadedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var library = await app.CreateArticleAsync(a => { a.FeaturedImageUrl = path; a.FeaturedImageCredit = "Ann Lee & Co"; a.FeaturedImageCaption = "The new quay."; });
        var remote = await app.CreateArticleAsync(a => { a.FeaturedImageUrl = "https://images.example.net/ferry.png"; a.FeaturedImageCredit = "Harbour Board"; });
        var tag = await app.TagAsync(library, remote);
        var browser = app.CreateBrowser();

        var expected = new Dictionary<string, (string Url, string Credit, string Type, long Length)>
        {
            [library.Title] = ("http://localhost" + path, "Ann Lee & Co", "image/jpeg", 48_213),
            [remote.Title] = ("https://images.example.net/ferry.png", "Harbour Board", "image/png", 0),
        };
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
        {
            foreach (var item in FeedReader.ParseXml(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, format), format), format).Items)
            {
                var (url, credit, type, length) = expected[item.Title.Text];
                var enclosure = item.Links.Single(l => l.RelationshipType == "enclosure");
                Assert.Equal(url, enclosure.Uri.AbsoluteUri);
                Assert.Equal(type, enclosure.MediaType);
                Assert.Equal(length, enclosure.Length);
                using var reader = item.ElementExtensions.Single(e => e.OuterName == "content" && e.OuterNamespace == Media.NamespaceName).GetReader();
                var media = (XElement)XNode.ReadFrom(reader);
                Assert.Equal(url, media.Attribute("url")!.Value);
                Assert.Equal(credit, FeedFields.TextOf(media.Element(Media + "credit")!.Value));
            }
        }
        var json = FeedReader.ParseJson(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Json), FeedFormat.Json));
        foreach (var item in json.Items!)
        {
            var (url, credit, _, _) = expected[item.Title!];
            Assert.Equal(url, item.Image);
            Assert.Equal(credit, item.Unknown!["_gazette"].GetProperty("image_credit").GetString());
            Assert.Contains("Image source: " + System.Net.WebUtility.HtmlEncode(credit), item.ContentHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithFullTextOffFeedsCarryTheExcerptOnly()
    {
        var article = await app.CreateArticleAsync(a => { a.Excerpt = "Only the excerpt."; a.Body = "The whole story, [linked](/about)."; });
        var tag = await app.TagAsync(article);
        var browser = app.CreateBrowser();

        var full = Assert.Single(FeedReader.ParseJson(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Json), FeedFormat.Json)).Items!);
        Assert.Equal("<p>The whole story, <a href=\"http://localhost/about\">linked</a>.</p>", full.ContentHtml?.Trim());
        await SaveFullTextAsync(false);
        try
        {
            var excerpt = Assert.Single(FeedReader.ParseJson(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Json), FeedFormat.Json)).Items!);
            Assert.Null(excerpt.ContentHtml);
            Assert.Equal("Only the excerpt.", excerpt.ContentText);
            var rss = await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Rss), FeedFormat.Rss);
            Assert.DoesNotContain("content:encoded", rss, StringComparison.Ordinal);
            Assert.DoesNotContain("whole story", rss, StringComparison.Ordinal);
            var atom = Assert.Single(FeedReader.ParseXml(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, FeedFormat.Atom), FeedFormat.Atom), FeedFormat.Atom).Items);
            Assert.Null(atom.Content);
            Assert.Equal("Only the excerpt.", atom.Summary.Text);
        }
        finally
        {
            await SaveFullTextAsync(true);
        }
    }

    private async Task SaveFullTextAsync(bool on)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SiteSettingsStore>()
            .SaveAsync(new Dictionary<string, string> { ["Gazette:Site:FeedFullText"] = on ? "true" : "false" }, [], CancellationToken.None);
    }

    [Fact]
    public async Task AnIndependentParserReadsTheSameEntriesInEveryFormat()
    {
        // Never edited: the parser's one date is Atom's <updated> (else the publication date), so the two agree.
        var article = await app.CreateArticleAsync(a => a.PublishedAt = a.UpdatedAt = new DateTime(2025, 6, 7, 8, 9, 10, DateTimeKind.Utc));
        await app.AddCommentAsync(article, c => c.AuthorName = "Ines Moreau");
        var tag = await app.TagAsync(article);
        var browser = app.CreateBrowser();

        foreach (var format in Formats)
        {
            var feed = await IndependentFeedParser.ParseAsync(await browser.GetFeedAsync(SyndicationLinks.Tag(tag, format), format));
            Assert.Equal($"Tag {tag} – The Gazette", feed.Title);
            Assert.Equal($"http://localhost/tag/{tag}", feed.Link.TrimEnd('/'));
            var entry = Assert.Single(feed.Entries);
            Assert.Equal(article.Title, entry.Title);
            Assert.Equal("http://localhost" + GazetteApp.UrlOf(article), entry.Link);
            Assert.Equal(new DateTime(2025, 6, 7, 8, 9, 10, DateTimeKind.Utc), FeedReader.Date(entry.Published));
            Assert.StartsWith("tag:localhost,", entry.Id, StringComparison.Ordinal);
            Assert.Equal("Mara Lindqvist", entry.Author);

            var comments = await IndependentFeedParser.ParseAsync(
                await browser.GetFeedAsync(SyndicationLinks.ArticleComments(GazetteApp.UrlOf(article), format), format));
            Assert.Equal("By Ines Moreau", Assert.Single(comments.Entries).Title);
        }
    }
}

public sealed class FeedFormatsOnSqlite(SqliteApp app) : FeedFormatsTests(app), IClassFixture<SqliteApp>;

public sealed class FeedFormatsOnPostgreSql(PostgreSqlApp app) : FeedFormatsTests(app), IClassFixture<PostgreSqlApp>;
