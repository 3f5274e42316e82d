using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

public sealed class EditingOwnCommentTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<(HttpClient Browser, Article Article, Comment Comment, string Landing)> PostAsync()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var browser = app.CreateBrowser();
        var posted = await browser.PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Oskar",
            ["Form.Email"] = app.Unique("oskar") + "@example.org",
            ["Form.Text"] = "The ferry leaves at 22:04.",
        });
        var comment = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        return (browser, article, comment, posted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheAuthorsBrowserEditsTheCommentAndModeratorsSeeTheEarlierText()
    {
        var (browser, article, comment, landing) = await PostAsync();
        var notice = await browser.GetDocumentAsync(landing);
        Assert.Equal($"/comments/{comment.Id}/edit", notice.QuerySelector(".respond .notice a")!.GetAttribute("href"));
        // The article's own address is the same for every reader: no notice, no link (conversation.js adds it).
        Assert.Null((await browser.GetDocumentAsync(GazetteApp.UrlOf(article))).QuerySelector(".respond .notice"));

        var edit = $"/comments/{comment.Id}/edit";
        var saved = await browser.PostFormAsync(edit, edit + "?handler=Save", new() { ["Text"] = "The ferry leaves at 22:40." });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Comments.Include(c => c.Revisions).SingleAsync(c => c.Id == comment.Id));
        Assert.Equal("The ferry leaves at 22:40.", stored.Text);
        Assert.Equal("The ferry leaves at 22:04.", Assert.Single(stored.Revisions).Text);
        Assert.NotNull(stored.EditedAt);
        Assert.Equal($"{GazetteApp.UrlOf(article)}?notice=edited&comment={comment.Id}#respond", saved.Headers.Location!.OriginalString);
        var back = await browser.GetDocumentAsync(saved.Headers.Location.OriginalString);
        Assert.Contains("Your changes are saved. Your comment is still awaiting moderation.", back.TextOf(".respond .notice"), StringComparison.Ordinal);
        Assert.Equal(edit, back.QuerySelector(".respond .notice a")!.GetAttribute("href"));

        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);
        var queue = await moderator.GetDocumentAsync("/admin/comments");
        Assert.Contains("22:04", queue.TextOf($"#comment-{comment.Id} .edit-history"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommentsHtmlIsStoredWhenWrittenAndAgainWhenEdited()
    {
        var (browser, _, comment, _) = await PostAsync();
        Assert.Equal("<p>The ferry leaves at 22:04.</p>", comment.TextHtml);

        var edit = $"/comments/{comment.Id}/edit";
        await browser.PostFormAsync(edit, edit + "?handler=Save", new() { ["Text"] = "Leaves at <b>22:40</b>.\n\nFrom pier 2." });

        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == comment.Id));
        Assert.Equal("<p>Leaves at <b>22:40</b>.</p><p>From pier 2.</p>", stored.TextHtml);
    }

    [Fact]
    public async Task TheAuthorsBrowserDeletesTheCommentIntoTheTrash()
    {
        var (browser, article, comment, _) = await PostAsync();
        var edit = $"/comments/{comment.Id}/edit";

        var deleted = await browser.PostFormAsync(edit, edit + "?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == comment.Id));
        Assert.Equal(CommentStatus.Trash, stored.Status);
        Assert.Equal("Deleted by its author.", stored.ModerationReason);
        var back = await browser.GetDocumentAsync(deleted.Headers.Location!.OriginalString);
        Assert.Equal("Your comment is deleted.", back.TextOf("#comments > .notice"));
    }

    [Fact]
    public async Task AnotherBrowserCannotEdit()
    {
        var (_, _, comment, _) = await PostAsync();
        var response = await app.CreateBrowser().GetAsync(new Uri($"/comments/{comment.Id}/edit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("can no longer be changed", (await response.ReadDocumentAsync()).TextOf(".notice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodyCanEditAfterTheWindow()
    {
        var (browser, _, comment, _) = await PostAsync();
        await app.WithDbAsync(db => db.Comments.Where(c => c.Id == comment.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedAt, DateTime.UtcNow.AddMinutes(-16))));

        var response = await browser.GetAsync(new Uri($"/comments/{comment.Id}/edit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
