using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ReadingWithoutJavaScript(BrowserApp app)
{
    [Fact]
    public async Task AReaderCanReplyToACommentWithJavaScriptTurnedOff()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        // Another reader's visit stores the page: the reader without scripts is served that copy.
        await using (var stranger = await app.NewContextAsync())
        {
            await new ArticlePage(await stranger.NewPageAsync()).OpenAsync(arranged.Url);
        }
        await using var context = await app.NewContextAsync(new() { JavaScriptEnabled = false });
        var article = new ArticlePage(await context.NewPageAsync());
        var served = await article.Page.GotoAsync(arranged.Url);
        Assert.NotNull(await served!.HeaderValueAsync("age"));
        await Expect(article.CommentBy(arranged.FirstCommentAuthor)).ToBeVisibleAsync();

        await article.ReplyLinkTo(arranged.FirstCommentAuthor).ClickAsync();
        await Expect(article.ReplyHeading).ToContainTextAsync($"Leave a Reply to {arranged.FirstCommentAuthor}");
        var entry = new CommentEntry("Sam Ortiz", app.Unique("sam") + "@example.org", null, $"Posted with scripts off. ({app.Unique("nojs")})");
        await article.PostCommentAsync(entry);

        await Expect(article.AwaitingModerationNotice).ToBeVisibleAsync();
        var stored = await app.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Text == entry.Text));
        Assert.Equal(CommentStatus.Pending, stored.Status);
        Assert.Equal(arranged.FirstCommentId, stored.ParentId);
    }
}
