using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>
/// A busy conversation comes in pages of whole threads (ten per page here), readers arrive at the
/// newest, and a comment's lasting address finds the page that holds it.
/// </summary>
public abstract class ConversationPagingTests(GazetteApp app)
{
    private sealed record Busy(Article Article, string Url, List<Comment> Roots, Comment Reply, Comment ReplyToReply);

    [Fact]
    public async Task ALongConversationIsSplitBetweenWholeThreadsAndOpensAtTheNewest()
    {
        var busy = await ArrangeAsync();

        var newest = await app.CreateBrowser().GetDocumentAsync(busy.Url);
        var oldest = await app.CreateBrowser().GetDocumentAsync(busy.Url + "?cpage=1");

        Assert.Equal("27 comments", newest.TextOf("#comments-title"));
        Assert.Equal(busy.Roots.Skip(20).Select(c => c.Id), Threads(newest));
        Assert.Equal("Page 3 of 3", newest.TextOf(".comment-pages span"));
        Assert.Equal(busy.Url + "?cpage=2#comments", newest.QuerySelector(".comment-pages a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(newest.QuerySelector(".comment-pages a[rel=next]"));

        Assert.Equal("27 comments", oldest.TextOf("#comments-title"));
        Assert.Equal(busy.Roots.Take(10).Select(c => c.Id), Threads(oldest));
        // The thread is whole: its reply and the reply to that reply are on the same page.
        Assert.NotNull(oldest.QuerySelector($"#comment-{busy.Roots[2].Id} ol.children #comment-{busy.Reply.Id} ol.children #comment-{busy.ReplyToReply.Id}"));
        Assert.Equal(busy.Url + "?cpage=2#comments", oldest.QuerySelector(".comment-pages a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ACommentsLastingAddressLandsOnThePageThatHoldsIt()
    {
        var busy = await ArrangeAsync();
        var browser = app.CreateBrowser();

        var old = await browser.GetAsync(new Uri($"/comments/{busy.ReplyToReply.Id}", UriKind.Relative));
        var recent = await browser.GetAsync(new Uri($"/comments/{busy.Roots[^1].Id}", UriKind.Relative));
        var pending = await app.AddCommentAsync(busy.Article, c => c.Status = CommentStatus.Pending);

        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal($"{busy.Url}?cpage=1#comment-{busy.ReplyToReply.Id}", old.Headers.Location!.OriginalString);
        Assert.Equal($"{busy.Url}#comment-{busy.Roots[^1].Id}", recent.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri($"/comments/{pending.Id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AReplyToAnOldThreadIsWrittenAndShownOnItsPage()
    {
        var busy = await ArrangeAsync();
        var parent = busy.Roots[4];
        var reader = app.CreateBrowser();
        var form = await reader.GetDocumentAsync($"{busy.Url}?replyTo={parent.Id}");
        Assert.Contains(parent.AuthorName, form.TextOf("#reply-title"), StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector($"#comment-{parent.Id}"));

        var posted = await reader.PostFormAsync($"{busy.Url}?replyTo={parent.Id}", busy.Url, new()
        {
            ["Form.Name"] = busy.Roots[0].AuthorName, ["Form.Email"] = busy.Roots[0].AuthorEmail,
            ["Form.Text"] = "Agreed, and the timetable says the same.", ["Form.ParentId"] = parent.Id.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var reply = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ParentId == parent.Id));
        Assert.Equal($"{busy.Url}?cpage=1&notice=posted&comment={reply.Id}#comment-{reply.Id}", posted.Headers.Location!.OriginalString);
        var page = await reader.GetDocumentAsync($"{busy.Url}?cpage=1");
        Assert.NotNull(page.QuerySelector($"#comment-{parent.Id} ol.children #comment-{reply.Id}"));
    }

    [Fact]
    public async Task AViewCostsTheSameQueriesWithFiveCommentsAsWithThreeHundred()
    {
        var small = await app.CreateArticleAsync();
        for (var i = 0; i < 5; i++)
        {
            await app.AddCommentAsync(small);
        }
        var busy = await app.CreateArticleAsync();
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow.AddDays(-1);
            db.Comments.AddRange(Enumerable.Range(0, 300).Select(i => new Comment
            {
                ArticleId = busy.Id, AuthorName = "Reader " + i, AuthorEmail = $"r{i}@example.org", Text = "Words " + i,
                Status = CommentStatus.Approved, CreatedAt = now.AddMinutes(i),
            }));
            await db.SaveChangesAsync();
        });
        var reader = app.CreateBrowser();
        // Warmed on a third article: each view measured is the first, so it is rendered, not served from the cache.
        await reader.GetStringAsync(new Uri(GazetteApp.UrlOf(await app.CreateArticleAsync()), UriKind.Relative));

        var few = await app.Queries.CountAsync(() => reader.GetStringAsync(new Uri(GazetteApp.UrlOf(small), UriKind.Relative)));
        var many = await app.Queries.CountAsync(() => reader.GetStringAsync(new Uri(GazetteApp.UrlOf(busy), UriKind.Relative)));

        Assert.NotEqual(0, few);
        Assert.Equal(few, many);
    }

    private async Task<Busy> ArrangeAsync()
    {
        var article = await app.CreateArticleAsync();
        var start = DateTime.UtcNow.AddDays(-2);
        var roots = new List<Comment>();
        for (var i = 0; i < 25; i++)
        {
            roots.Add(await app.AddCommentAsync(article, c => { c.CreatedAt = start.AddMinutes(i * 10); c.AuthorName = $"Reader {i}"; }));
        }
        // Replies come late, after the newest thread was started: they still stay with their thread.
        var reply = await app.AddCommentAsync(article, c => { c.ParentId = roots[2].Id; c.CreatedAt = start.AddDays(1); });
        var replyToReply = await app.AddCommentAsync(article, c => { c.ParentId = reply.Id; c.CreatedAt = start.AddDays(1).AddMinutes(1); });
        return new Busy(article, GazetteApp.UrlOf(article), roots, reply, replyToReply);
    }

    private static IEnumerable<int> Threads(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("ol.comment-list > li.comment").Select(li => int.Parse(li.Id!["comment-".Length..], CultureInfo.InvariantCulture));
}

public sealed class ConversationPagingOnSqlite(ConversationPagingOnSqlite.App app) : ConversationPagingTests(app), IClassFixture<ConversationPagingOnSqlite.App>
{
    public sealed class App : GazetteApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("Gazette:Comments:ThreadsPerPage", "10");
        }
    }
}

public sealed class ConversationPagingOnPostgreSql(ConversationPagingOnPostgreSql.App app) : ConversationPagingTests(app), IClassFixture<ConversationPagingOnPostgreSql.App>
{
    public sealed class App : GazetteApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            PostgreSqlApp.UseNewDatabase(builder);
            builder.UseSetting("Gazette:Comments:ThreadsPerPage", "10");
        }
    }
}
