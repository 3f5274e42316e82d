using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>An app whose comment policy blocks a word and closes comments after 30 days.</summary>
public sealed class StrictPolicyApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:Comments:BlockedWords:0", "casino");
        builder.UseSetting("Gazette:Comments:CloseAfterDays", "30");
        builder.UseSetting("Gazette:Comments:MaxCommentsPerEmail", "2");
        builder.UseSetting("Gazette:Comments:ThreadDepth", "3");
        builder.UseSetting("Gazette:Comments:SpamThreshold", "0.8");
    }
}

public sealed class CommentPolicyTests(StrictPolicyApp app) : IClassFixture<StrictPolicyApp>
{
    private static Dictionary<string, string> Fields(string text) => new()
    {
        ["Form.Name"] = "Vic",
        ["Form.Email"] = "vic@example.org",
        ["Form.Text"] = text,
    };

    [Fact]
    public async Task StoresSpamForAModeratorWithTheReasonAndTellsTheReaderItWasSetAside()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync(url, url, Fields("Best Casino bonus here"));

        // The reader is told, in general terms, that it was set aside, and keeps the text to change and resend.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("set aside", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.DoesNotContain("casino", page.TextOf(".form-errors"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Best Casino bonus here", page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim());
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.Equal("Contains the blocked word \"casino\".", stored.ModerationReason);
        // Sent again as it was: set aside again, not refused as a duplicate of the one in spam.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await browser.PostFormAsync(url, url, Fields("Best Casino bonus here"))).StatusCode);

        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);
        var queue = await moderator.GetDocumentAsync("/admin/comments?status=Spam");
        Assert.Contains("blocked word", queue.TextOf($"#comment-{stored.Id} .moderation-reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesTheThirdCommentInTenMinutesFromOneEmailAndKeepsItsText()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var email = app.Unique("busy") + "@example.org";
        var browser = app.CreateBrowser();
        Dictionary<string, string> From(string text) => new(Fields(text)) { ["Form.Email"] = email };

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(url, url, From("One"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(url, url, From("Two"))).StatusCode);
        var third = await browser.PostFormAsync(url, url, From("Three, and still thinking"));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var page = await third.ReadDocumentAsync();
        Assert.Contains("Please wait a little", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal("Three, and still thinking", page.QuerySelector("textarea[name='Form.Text']")!.TextContent);
        Assert.Equal(2, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task RefusesTheSameCommentTwice()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var fields = new Dictionary<string, string>(Fields("Said once.")) { ["Form.Email"] = app.Unique("echo") + "@example.org" };

        await app.CreateBrowser().PostFormAsync(url, url, fields);
        var again = await app.CreateBrowser().PostFormAsync(url, url, fields);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already posted this comment", (await again.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task SendsWhatFillsTheHoneypotToSpam()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var fields = new Dictionary<string, string>(Fields("Great post!")) { ["Form.Email"] = app.Unique("bot") + "@example.org", ["Form.Homepage"] = "http://bot.example" };

        var response = await app.CreateBrowser().PostFormAsync(url, url, fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("must stay empty", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal("", page.QuerySelector("input[name='Form.Homepage']")!.GetAttribute("value") ?? "");
        Assert.Equal("Great post!", page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim());
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.Contains("honeypot", stored.ModerationReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachesRepliesBeyondTheDepthLimitToTheDeepestLevel()
    {
        var article = await app.CreateArticleAsync();
        var first = await app.AddCommentAsync(article);
        var second = await app.AddCommentAsync(article, c => c.ParentId = first.Id);
        var third = await app.AddCommentAsync(article, c => c.ParentId = second.Id);
        var url = GazetteApp.UrlOf(article);
        var fields = new Dictionary<string, string>(Fields("Deep reply"))
        {
            ["Form.Email"] = app.Unique("deep") + "@example.org",
            ["Form.ParentId"] = third.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        await app.CreateBrowser().PostFormAsync(url, url, fields);

        var reply = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id && c.Text == "Deep reply"));
        Assert.Equal(second.Id, reply.ParentId);
    }

    [Fact]
    public async Task SendsWhatTheClassifierIsSureOfToSpamAndLetsOrdinaryCommentsThrough()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var spam = new Dictionary<string, string>(Fields("Buy cheap viagra pills online at http://pills.example, best prices, free shipping!"))
        {
            ["Form.Email"] = app.Unique("pills") + "@example.org",
        };
        var ham = new Dictionary<string, string>(Fields("I was at the council meeting too; the vote was 5 to 4, not 6 to 3."))
        {
            ["Form.Email"] = app.Unique("ham") + "@example.org",
        };

        await app.CreateBrowser().PostFormAsync(url, url, spam);
        await app.CreateBrowser().PostFormAsync(url, url, ham);

        var stored = await app.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == article.Id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(CommentStatus.Spam, stored[0].Status);
        Assert.Contains("content classifier", stored[0].ModerationReason, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Pending, stored[1].Status);
        Assert.Contains("First comment", stored[1].ModerationReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosesCommentsOnOldArticles()
    {
        var old = await app.CreateArticleAsync(a => a.PublishedAt = DateTime.UtcNow.AddDays(-31));
        var url = GazetteApp.UrlOf(old);
        var page = await app.CreateBrowser().GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form.comment-form"));
        Assert.Contains("Comments are closed", page.TextOf(".respond"), StringComparison.Ordinal);

        var open = GazetteApp.UrlOf(await app.CreateArticleAsync());
        var response = await app.CreateBrowser().PostFormAsync(open, url, Fields("Too late?"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == old.Id)));
    }
}
