using System.Net;
using System.Text;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages;

/// <summary>
/// Requests a browser never sends, and what they get: the right 4xx, the reader's text kept where
/// there is text to keep, and nothing stored.
/// </summary>
public abstract class AbusiveRequestsTests(GazetteApp app)
{
    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("TRACE")]
    public async Task AnArticleAnswersOtherMethodsWith405AndAllow(string method)
    {
        var url = GazetteApp.UrlOf(await app.CreateArticleAsync());

        var response = await app.CreateBrowser().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST", "OPTIONS"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task OptionsListsWhatAPageTakes()
    {
        var response = await app.CreateBrowser().SendAsync(new HttpRequestMessage(HttpMethod.Options, "/search"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/9999")]
    [InlineData("/9999/12")]
    [InlineData("/0001/01")]
    public async Task AYearNoCalendarReachesIsNotFound(string path)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ACommentWithANulCharacterComesBackWithItsTextAndIsNotStored()
    {
        var (article, url, token) = await FormAsync();

        var response = await app.CreateBrowser().PostAsync(new Uri(url, UriKind.Relative), new StringContent(
            $"Form.Name=Nul+Reader&Form.Email=nul%40example.org&Form.Text=Before%00after+the+byte&Form.Token={Uri.EscapeDataString(token)}",
            Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Beforeafter the byte", page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim());
        Assert.Equal("Nul Reader", page.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        Assert.Contains("NUL characters", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task AFieldOverTheFormLimitIs413()
    {
        var (article, url, token) = await FormAsync();
        var text = new string('a', 5 * 1024 * 1024);

        var response = await app.CreateBrowser().PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(
            [new("Form.Name", "Long"), new("Form.Email", "long@example.org"), new("Form.Text", text), new("Form.Token", token)]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("That was too large to send", (await response.ReadDocumentAsync()).TextOf("h1"));
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task MoreFieldsThanAFormMayHaveIs400()
    {
        var (_, url, token) = await FormAsync();
        var fields = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))
            .Append(new("Form.Token", token)).ToList();

        var response = await app.CreateBrowser().PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("That request could not be understood", (await response.ReadDocumentAsync()).TextOf("h1"));
    }

    [Fact]
    public async Task AServedFormPostsOneCommentAndASecondPostKeepsItsText()
    {
        var (article, url, token) = await FormAsync();
        var robot = app.CreateBrowser();
        Task<HttpResponseMessage> SendAsync(string text) => robot.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(
            [new("Form.Name", "Robot"), new("Form.Email", "robot@example.org"), new("Form.Text", text), new("Form.Token", token)]));

        var first = await SendAsync("The first of many.");
        var second = await SendAsync("The second of many.");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await second.ReadDocumentAsync();
        Assert.Contains("already sent a comment", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal("The second of many.", page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim());
        Assert.Equal(1, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task APostFromAnOpaqueOriginIsRefused()
    {
        var (article, url, token) = await FormAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("Form.Name", "Framed"), new("Form.Email", "framed@example.org"), new("Form.Text", "From a sandbox."), new("Form.Token", token)]),
        };
        request.Headers.Add("Origin", "null");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task AnApprovedCommentEditedIntoSpamLeavesThePageForTheQueue()
    {
        var (browser, article, comment) = await PostApprovedAsync();
        var edit = $"/comments/{comment.Id}/edit";
        var links = string.Join(' ', Enumerable.Range(1, 5).Select(i => $"https://shop{i}.example.net/deal"));

        var saved = await browser.PostFormAsync(edit, edit + "?handler=Save", new() { ["Text"] = "Cheap deals here: " + links });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == comment.Id));
        Assert.Equal(CommentStatus.Pending, stored.Status);
        Assert.StartsWith("Edited after it was approved. Has 5 links", stored.ModerationReason, StringComparison.Ordinal);
        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));
        Assert.DoesNotContain("shop1.example.net", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApprovedCommentEditedToABlockedWordGoesToSpam()
    {
        await app.WithDbAsync(async db =>
        {
            if (!await db.SiteSettings.AnyAsync(s => s.Key == "Gazette:Comments:BlockedWords:0"))
            {
                db.SiteSettings.Add(new SiteSetting { Key = "Gazette:Comments:BlockedWords:0", Value = "casinowinnings" });
                await db.SaveChangesAsync();
            }
        });
        await app.Services.GetRequiredService<Gazette.Features.Settings.SiteSettingsStore>().LoadAsync(CancellationToken.None);
        var (browser, _, comment) = await PostApprovedAsync();
        var edit = $"/comments/{comment.Id}/edit";

        await browser.PostFormAsync(edit, edit + "?handler=Save", new() { ["Text"] = "Visit for casinowinnings today." });

        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == comment.Id));
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.Contains("casinowinnings", stored.ModerationReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheModerationQueuePagesThroughEverything()
    {
        var article = await app.CreateArticleAsync();
        var marker = app.Unique("queued");
        for (var i = 0; i < 60; i++)
        {
            await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Pending; c.Text = $"{marker} number {i}"; c.CreatedAt = DateTime.UtcNow.AddMinutes(-i); });
        }
        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);

        var first = await moderator.GetDocumentAsync($"/admin/comments?status=Pending&q={marker}");
        var second = await moderator.GetDocumentAsync($"/admin/comments?status=Pending&q={marker}&page=2");

        Assert.Equal(50, first.QuerySelectorAll(".moderation-item").Length);
        Assert.Equal(10, second.QuerySelectorAll(".moderation-item").Length);
        Assert.Contains("number 59", second.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector(".pager a[rel=next]"));
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
    }

    private async Task<(Article Article, string Url, string Token)> FormAsync()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var page = await app.CreateBrowser().GetDocumentAsync(url);
        return (article, url, page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!);
    }

    private async Task<(HttpClient Browser, Article Article, Comment Comment)> PostApprovedAsync()
    {
        var article = await app.CreateArticleAsync();
        var email = app.Unique("regular") + "@example.org";
        await app.AddCommentAsync(article, c => { c.AuthorEmail = email; c.AuthorName = "Regular"; });
        var url = GazetteApp.UrlOf(article);
        var browser = app.CreateBrowser();
        var posted = await browser.PostFormAsync(url, url, new() { ["Form.Name"] = "Regular", ["Form.Email"] = email, ["Form.Text"] = "A fair point, well made." });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var comment = await app.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).LastAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Approved, comment.Status);
        return (browser, article, comment);
    }
}

public sealed class AbusiveRequestsOnSqlite(SqliteApp app) : AbusiveRequestsTests(app), IClassFixture<SqliteApp>;

public sealed class AbusiveRequestsOnPostgreSql(PostgreSqlApp app) : AbusiveRequestsTests(app), IClassFixture<PostgreSqlApp>;
