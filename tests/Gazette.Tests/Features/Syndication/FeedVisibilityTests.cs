using System.Net;
using System.Net.Http.Headers;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Syndication;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.Syndication;

/// <summary>What feeds show and hide, how they answer a reader that polls, and where pages announce them.</summary>
public abstract class FeedVisibilityTests(GazetteApp app)
{
    private static readonly FeedFormat[] Formats = Enum.GetValues<FeedFormat>();

    [Fact]
    public async Task DraftsPendingScheduledAndStaticPagesNeverAppear()
    {
        var published = await app.CreateArticleAsync();
        var hidden = new[]
        {
            await app.CreateArticleAsync(a => a.Status = ArticleStatus.Draft),
            await app.CreateArticleAsync(a => a.Status = ArticleStatus.Pending),
            await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Scheduled; a.PublishedAt = DateTime.UtcNow.AddDays(2); }),
            await app.CreateArticleAsync(a => a.Kind = ArticleKind.Page),
        };
        var tag = await app.TagAsync([published, .. hidden]);
        var browser = app.CreateBrowser();

        foreach (var url in Formats.SelectMany(f => new[] { SyndicationLinks.Tag(tag, f), SyndicationLinks.Site(f), SyndicationLinks.Author("mara-lindqvist", f) }))
        {
            var body = await browser.GetStringAsync(new Uri(url, UriKind.Relative));
            Assert.All(hidden, article => Assert.DoesNotContain(article.Slug, body, StringComparison.Ordinal));
            if (url.StartsWith("/tag/", StringComparison.Ordinal))
            {
                Assert.Contains(published.Slug, body, StringComparison.Ordinal);
            }
        }
        foreach (var article in hidden.Take(3))
        {
            var response = await browser.GetAsync(new Uri(SyndicationLinks.ArticleComments(GazetteApp.UrlOf(article), FeedFormat.Rss), UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task CommentFeedsCarryApprovedCommentsByNameAndNeverAnEmail()
    {
        var article = await app.CreateArticleAsync();
        var draft = await app.CreateArticleAsync(a => a.Status = ArticleStatus.Draft);
        var marker = app.Unique("said");
        var approved = await app.AddCommentAsync(article, c => { c.AuthorName = "Petra Lund"; c.AuthorEmail = "petra.lund@example.org"; c.AuthorWebsite = "https://petra.example.org/"; c.Text = "Approved " + marker; });
        var held = new[] { CommentStatus.Pending, CommentStatus.Spam, CommentStatus.Trash };
        foreach (var status in held)
        {
            await app.AddCommentAsync(article, c => { c.Status = status; c.Text = $"{status} {marker}"; c.AuthorEmail = "hidden.reader@example.net"; });
        }
        await app.AddCommentAsync(draft, c => c.Text = "On a draft " + marker);
        var browser = app.CreateBrowser();

        foreach (var format in Formats)
        {
            foreach (var url in new[] { SyndicationLinks.Comments(format), SyndicationLinks.ArticleComments(GazetteApp.UrlOf(article), format) })
            {
                var body = await browser.GetFeedAsync(url, format);
                Assert.Contains("Approved " + marker, body, StringComparison.Ordinal);
                Assert.Contains("Petra Lund", body, StringComparison.Ordinal);
                Assert.All(held, status => Assert.DoesNotContain($"{status} {marker}", body, StringComparison.Ordinal));
                Assert.DoesNotContain("On a draft " + marker, body, StringComparison.Ordinal);
                Assert.DoesNotContain("@example.", body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("petra.lund", body, StringComparison.OrdinalIgnoreCase);
            }
        }
        var json = FeedReader.ParseJson(await browser.GetFeedAsync(SyndicationLinks.ArticleComments(GazetteApp.UrlOf(article), FeedFormat.Json), FeedFormat.Json));
        var entry = Assert.Single(json.Items!);
        Assert.Equal($"http://localhost/comments/{approved.Id}", entry.Url);
        Assert.Equal(new JsonFeedAuthorModel("Petra Lund", "https://petra.example.org/", null), entry.Authors!.Single());
    }

    [Fact]
    public async Task AnUnchangedFeedAnswersNotModified()
    {
        var first = await app.CreateArticleAsync(a => a.PublishedAt = a.UpdatedAt = DateTime.UtcNow.AddHours(-3));
        var tag = await app.TagAsync(first);
        var browser = app.CreateBrowser();

        foreach (var format in Formats)
        {
            var url = new Uri(SyndicationLinks.Tag(tag, format), UriKind.Relative);
            var response = await browser.GetAsync(url);
            var etag = response.Headers.ETag!;
            var lastModified = response.Content.Headers.LastModified!.Value;
            Assert.False(etag.IsWeak);
            Assert.Equal(first.UpdatedAt, lastModified.UtcDateTime, TimeSpan.FromSeconds(1));

            var byTag = await SendAsync(url, r => r.Headers.IfNoneMatch.Add(etag));
            Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
            Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, byTag.Headers.ETag);
            Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(url, r => r.Headers.IfModifiedSince = lastModified)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(url, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"")))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(url, r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1))).StatusCode);
        }

        // A new article, and an article taken back to draft, each change the feed for either header.
        var before = await ValidatorsAsync(tag);
        var second = await app.CreateArticleAsync(a => a.PublishedAt = a.UpdatedAt = DateTime.UtcNow.AddHours(-2));
        await app.WithDbAsync(async db =>
        {
            (await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == second.Id)).Tags.Add(await db.Tags.SingleAsync(t => t.Slug == tag));
            await db.SaveChangesAsync();
        });
        var added = await AssertChangedSinceAsync(tag, before);
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == second.Id).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.Status, ArticleStatus.Draft).SetProperty(a => a.UpdatedAt, DateTime.UtcNow.AddHours(-1))));
        await AssertChangedSinceAsync(tag, added);
    }

    private async Task<(EntityTagHeaderValue ETag, DateTimeOffset LastModified)> AssertChangedSinceAsync(
        string tag, (EntityTagHeaderValue ETag, DateTimeOffset LastModified) earlier)
    {
        var now = await ValidatorsAsync(tag);
        Assert.NotEqual(earlier.ETag, now.ETag);
        Assert.True(now.LastModified > earlier.LastModified, $"{now.LastModified} is not after {earlier.LastModified}");
        var url = new Uri(SyndicationLinks.Tag(tag, FeedFormat.Atom), UriKind.Relative);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(url, r => r.Headers.IfNoneMatch.Add(earlier.ETag))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(url, r => r.Headers.IfModifiedSince = earlier.LastModified)).StatusCode);
        return now;
    }

    private async Task<(EntityTagHeaderValue ETag, DateTimeOffset LastModified)> ValidatorsAsync(string tag)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(SyndicationLinks.Tag(tag, FeedFormat.Atom), UriKind.Relative));
        return (response.Headers.ETag!, response.Content.Headers.LastModified!.Value);
    }

    private Task<HttpResponseMessage> SendAsync(Uri url, Action<HttpRequestMessage> conditions)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        conditions(request);
        return app.CreateBrowser().SendAsync(request);
    }

    [Fact]
    public async Task PagesAnnounceTheSiteFeedsAndTheirOwn()
    {
        var article = await app.CreateArticleAsync(a => a.Title = "Lighthouse relit " + a.Slug);
        var tag = await app.TagAsync(article);
        var browser = app.CreateBrowser();
        var site = Formats.Select(f => (SyndicationLinks.MediaType(f), SyndicationLinks.Site(f))).Append(("application/rss+xml", "/comments/feed")).ToList();

        var pages = new (string Url, (string Type, string Href)[] Own)[]
        {
            ("/", []),
            (ArticleLinks.Tag(tag), Formats.Select(f => (SyndicationLinks.MediaType(f), SyndicationLinks.Tag(tag, f))).ToArray()),
            (ArticleLinks.Author("mara-lindqvist"), [("application/rss+xml", "/author/mara-lindqvist/feed")]),
            (GazetteApp.UrlOf(article), [("application/rss+xml", GazetteApp.UrlOf(article) + "/feed")]),
        };
        foreach (var (url, own) in pages)
        {
            var page = await browser.GetDocumentAsync(url);
            var links = page.QuerySelectorAll("head link[rel=alternate]")
                .Select(l => (Type: l.GetAttribute("type")!, Href: l.GetAttribute("href")!, Title: l.GetAttribute("title")!)).ToList();
            foreach (var expected in site.Concat(own))
            {
                Assert.Contains(links, l => l.Type == expected.Item1 && l.Href == expected.Item2);
            }
            Assert.All(links, l => Assert.False(string.IsNullOrWhiteSpace(l.Title)));
            foreach (var link in links)
            {
                var response = await browser.GetAsync(new Uri(link.Href, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(link.Type, response.Content.Headers.ContentType!.MediaType);
            }
        }
        Assert.Contains(article.Title, (await browser.GetDocumentAsync(GazetteApp.UrlOf(article))).QuerySelector($"link[rel=alternate][href='{GazetteApp.UrlOf(article)}/feed']")!.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownArchivesHaveNoFeedAndAMovedArticleFeedRedirects()
    {
        var browser = app.CreateBrowser();
        foreach (var url in new[] { "/category/no-such-thing/feed", "/tag/no-such-thing/feed/atom", "/author/nobody/feed/json", "/2025/01/no-such-story/feed" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }
        var article = await app.CreateArticleAsync(a => a.PublishedAt = new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        var wrongDate = await browser.GetAsync(new Uri($"/2024/12/{article.Slug}/feed/atom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, wrongDate.StatusCode);
        Assert.Equal($"/2025/05/{article.Slug}/feed/atom", wrongDate.Headers.Location!.OriginalString);
    }
}

public sealed class FeedVisibilityOnSqlite(SqliteApp app) : FeedVisibilityTests(app), IClassFixture<SqliteApp>;

public sealed class FeedVisibilityOnPostgreSql(PostgreSqlApp app) : FeedVisibilityTests(app), IClassFixture<PostgreSqlApp>;
