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
    public async Task StoresSpamForAModeratorWithTheReasonAndTellsTheReaderNothingMore()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync(url, url, Fields("Best Casino bonus here"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.Equal("Contains the blocked word \"casino\".", stored.ModerationReason);
        Assert.Contains("awaiting moderation", (await browser.GetDocumentAsync(url)).TextOf(".respond .notice"), StringComparison.Ordinal);

        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);
        var queue = await moderator.GetDocumentAsync("/admin/comments?status=Spam");
        Assert.Contains("blocked word", queue.TextOf($"#comment-{stored.Id} .moderation-reason"), StringComparison.Ordinal);
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
