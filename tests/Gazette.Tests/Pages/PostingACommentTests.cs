using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

public abstract class PostingACommentTests(GazetteApp app)
{
    private static Dictionary<string, string> ValidFields(string name = "Noor Haddad", string email = "noor@example.org") => new()
    {
        ["Form.Name"] = name,
        ["Form.Email"] = email,
        ["Form.Website"] = "https://noor.example.org",
        ["Form.Text"] = "The old night boat was always late; I hope this one keeps time.",
    };

    private async Task<(string Url, Article Article)> ArticleAsync(Action<Article>? configure = null)
    {
        var article = await app.CreateArticleAsync(configure);
        return (GazetteApp.UrlOf(article), article);
    }

    [Fact]
    public async Task HoldsAFirstCommentForModeration()
    {
        var (url, article) = await ArticleAsync();
        var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync(url, url, ValidFields(email: app.Unique("new") + "@example.org"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Pending, stored.Status);
        Assert.Equal("https://noor.example.org/", stored.AuthorWebsite);
        // The notice has an address of its own, never cached: the article's address stays the same for everyone.
        Assert.Equal($"{url}?notice=posted&comment={stored.Id}#respond", response.Headers.Location!.OriginalString);

        var page = await browser.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Contains("awaiting moderation", page.TextOf(".respond .notice"), StringComparison.Ordinal);
        Assert.Equal($"/comments/{stored.Id}/edit", page.QuerySelector(".respond .notice a")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll(".comment"));
        // The commenter sees what they wrote while it waits, as WordPress shows it them; nobody else does.
        Assert.Equal(stored.Text.Trim(), page.TextOf(".respond .comment-pending .comment-text"));
        Assert.Contains(stored.AuthorName, page.TextOf(".respond .comment-pending"), StringComparison.Ordinal);
        var stranger = await app.CreateBrowser().GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Null(stranger.QuerySelector(".comment-pending"));
        Assert.DoesNotContain(stored.Text.Trim(), stranger.Body!.TextContent, StringComparison.Ordinal);
        var reloaded = await browser.GetDocumentAsync(url);
        Assert.Null(reloaded.QuerySelector(".respond .notice"));
        Assert.Null(reloaded.QuerySelector(".comment-pending"));
    }

    [Fact]
    public async Task ApprovesAtOnceACommenterWhoWasApprovedBefore()
    {
        var (url, article) = await ArticleAsync();
        var email = app.Unique("regular") + "@example.org";
        var earlier = await app.CreateArticleAsync();
        await app.AddCommentAsync(earlier, c => { c.AuthorName = "Noor Haddad"; c.AuthorEmail = email; });

        var browser = app.CreateBrowser();
        var response = await browser.PostFormAsync(url, url, ValidFields(email: email.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Approved, stored.Status);
        Assert.Equal($"{url}?notice=posted&comment={stored.Id}#comment-{stored.Id}", response.Headers.Location!.OriginalString);
        var page = await browser.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Contains("your comment is published", page.TextOf(".conversation .notice"), StringComparison.Ordinal);
        Assert.Contains("keeps time", page.TextOf($"#comment-{stored.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldsACommentWhenOnlyTheEmailWasApprovedBefore()
    {
        var (url, article) = await ArticleAsync();
        var email = app.Unique("someone") + "@example.org";
        await app.AddCommentAsync(await app.CreateArticleAsync(), c => { c.AuthorName = "Someone Else"; c.AuthorEmail = email; });

        await app.CreateBrowser().PostFormAsync(url, url, ValidFields(email: email));

        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Pending, stored.Status);
    }

    [Fact]
    public async Task StoresAReplyUnderItsParent()
    {
        var (url, article) = await ArticleAsync();
        var parent = await app.AddCommentAsync(article);
        var fields = ValidFields();
        fields["Form.ParentId"] = parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await app.CreateBrowser().PostFormAsync(url + $"?replyTo={parent.Id}", url, fields);

        var reply = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id && c.Id != parent.Id));
        Assert.Equal(parent.Id, reply.ParentId);
    }

    [Theory]
    [InlineData("Form.Name", "", "Form.Name", "Please enter your name.")]
    [InlineData("Form.Email", "", "Form.Email", "Please enter your email address. It will not be published.")]
    [InlineData("Form.Email", "noor.example.org", "Form.Email", "Please enter a valid email address, like name@example.com.")]
    [InlineData("Form.Email", "noor@localhost", "Form.Email", "Please enter a valid email address, like name@example.com.")]
    [InlineData("Form.Website", "javascript:alert(1)", "Form.Website", "Please enter a web address, like https://example.com, or leave it empty.")]
    [InlineData("Form.Website", "not a url", "Form.Website", "Please enter a web address, like https://example.com, or leave it empty.")]
    [InlineData("Form.Text", "", "Form.Text", "Please write your comment.")]
    [InlineData("Form.Text", "<b> </b><em></em>", "Form.Text", "Please write your comment: those tags alone show nothing.")]
    [InlineData("Form.Name", "LONG_NAME", "Form.Name", "Your name can be at most 100 characters.")]
    [InlineData("Form.Text", "LONG_TEXT", "Form.Text", "Your comment can be at most 5000 characters; please shorten it.")]
    public async Task RefusesAnInvalidFieldAndKeepsEverythingTyped(string field, string value, string errorFor, string message)
    {
        var (url, article) = await ArticleAsync();
        var fields = ValidFields();
        fields[field] = value switch
        {
            "LONG_NAME" => new string('n', 101),
            "LONG_TEXT" => new string('t', 5001),
            _ => value,
        };

        var response = await app.CreateBrowser().PostFormAsync(url, url, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(message, page.TextOf($"[data-valmsg-for='{errorFor}']"));
        var invalid = page.QuerySelector($"[name='{errorFor}']")!;
        Assert.Equal("true", invalid.GetAttribute("aria-invalid"));
        // The error describes the field first (the comment field's formatting hint comes after it).
        Assert.Equal(message, page.GetElementById(invalid.GetAttribute("aria-describedby")!.Split(' ')[0])!.TextContent.Trim());
        Assert.Contains("not posted yet", page.TextOf(".form-errors[role=alert]"), StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("[aria-invalid=true]"));
        Assert.Equal(fields["Form.Text"], page.QuerySelector("textarea[name='Form.Text']")!.TextContent);
        foreach (var input in new[] { "Form.Name", "Form.Email", "Form.Website" })
        {
            Assert.Equal(fields[input], page.QuerySelector($"input[name='{input}']")!.GetAttribute("value"));
        }
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task RefusesAPostWithoutTheFormToken()
    {
        var (url, article) = await ArticleAsync();

        var response = await app.CreateBrowser().PostFormAsync(url, url, ValidFields(), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task RefusesACommentWhenCommentsAreClosedAndKeepsTheText()
    {
        var (url, article) = await ArticleAsync(a => a.CommentsOpen = false);
        var browser = app.CreateBrowser();
        // A closed article shows no form, so take the token from one that is open.
        var open = GazetteApp.UrlOf(await app.CreateArticleAsync());

        var response = await browser.PostFormAsync(open, url, ValidFields());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("comments on this article are closed", page.TextOf(".respond .notice.error"), StringComparison.Ordinal);
        Assert.Equal(ValidFields()["Form.Text"], page.QuerySelector("textarea.kept-text")!.TextContent);
        Assert.Null(page.QuerySelector("form.comment-form"));
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task StoresOnlyATruncatedAddressAndNeverPublishesTheEmail()
    {
        var (url, article) = await ArticleAsync();
        var email = app.Unique("private") + "@example.org";
        await app.AddCommentAsync(await app.CreateArticleAsync(), c => { c.AuthorName = "Noor Haddad"; c.AuthorEmail = email; });

        await app.CreateBrowser().PostFormAsync(url, url, ValidFields(email: email));

        var html = await app.CreateBrowser().GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("keeps time", html, StringComparison.Ordinal);
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.True(stored.AuthorIp is null || stored.AuthorIp.EndsWith(".0", StringComparison.Ordinal) || stored.AuthorIp.EndsWith("::", StringComparison.Ordinal));
    }
}

public sealed class PostingACommentOnSqlite(SqliteApp app) : PostingACommentTests(app), IClassFixture<SqliteApp>;

public sealed class PostingACommentOnPostgreSql(PostgreSqlApp app) : PostingACommentTests(app), IClassFixture<PostgreSqlApp>;
