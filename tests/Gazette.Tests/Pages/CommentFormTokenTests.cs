using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>An app that wants a minute between serving the form and receiving the comment.</summary>
public sealed class PatientFormApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:Comments:MinimumFillSeconds", "60");
    }
}

public sealed class CommentFormTokenTests(PatientFormApp app) : IClassFixture<PatientFormApp>
{
    private Dictionary<string, string> Fields() => new()
    {
        ["Form.Name"] = "Ines",
        ["Form.Email"] = app.Unique("ines") + "@example.org",
        ["Form.Text"] = "I read the whole thing before replying.",
    };

    [Fact]
    public async Task TheFormCarriesNoPerVisitorTokenSoACachedCopyServesEveryone()
    {
        var url = GazetteApp.UrlOf(await app.CreateArticleAsync());
        var page = await app.CreateBrowser().GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form.comment-form input[name=__RequestVerificationToken]"));
        var token = page.QuerySelector("form.comment-form input[name='Form.Token']")!.GetAttribute("value")!;

        // Another visitor, with no cookies at all, posts the form as a cached page gave it to them.
        using var stranger = app.CreateBrowser();
        var fields = Fields();
        fields["Form.Token"] = token;
        var response = await stranger.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));

        // The token is taken as genuine (a forged or expired one is a 400 "This form has expired"): this
        // app wants a minute before a comment, so the form sent at once is set aside, and the reader told.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("quicker than people write", (await response.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendsACommentPostedFasterThanAPersonTypesToSpam()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);

        var response = await app.CreateBrowser().PostFormAsync(url, url, Fields());

        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.Contains("after the form was served", stored.ModerationReason, StringComparison.Ordinal);
        // The reader is told so, truthfully, with the text kept to send again.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("quicker than people write", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal(stored.Text, page.QuerySelector("textarea[name='Form.Text']")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged")]
    [InlineData("OTHER_ARTICLE")]
    public async Task RefusesAMissingForgedOrMisplacedTokenAndKeepsTheText(string? token)
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var fields = Fields();
        if (token == "OTHER_ARTICLE")
        {
            var other = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(await app.CreateArticleAsync()));
            fields["Form.Token"] = other.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!;
        }
        else if (token is not null)
        {
            fields["Form.Token"] = token;
        }

        var response = await app.CreateBrowser().PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("please send it again", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal(fields["Form.Text"], page.QuerySelector("textarea[name='Form.Text']")!.TextContent);
        Assert.NotEqual(fields.GetValueOrDefault("Form.Token"), page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "https://attacker.example")]
    public async Task RefusesAPostAnotherSiteMade(string header, string value)
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var browser = app.CreateBrowser();
        var page = await browser.GetDocumentAsync(url);
        var fields = Fields();
        fields["Form.Token"] = page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(header, value);

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }
}
