using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ReplyingToAReply(BrowserApp app)
{
    [Fact]
    public async Task TheApprovedAnswerNestsAtTheThirdLevelUnderTheReplyItAnswers()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var readerContext = await app.NewContextAsync();
        var article = new ArticlePage(await readerContext.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        await Expect(article.WithCommentBy(article.RepliesTo(arranged.FirstCommentId), arranged.ReplyAuthor)).ToHaveCountAsync(1);

        // The reader answers the reply, not the comment that started the thread.
        await article.ReplyLinkTo(arranged.ReplyAuthor).ClickAsync();
        await Expect(article.ReplyHeading).ToContainTextAsync($"Leave a Reply to {arranged.ReplyAuthor}");
        var entry = new CommentEntry(
            "Noor Haddad", app.Unique("noor") + "@example.org", null,
            $"Will the ferry timetable move with the tides too? ({app.Unique("third")})");
        await article.PostCommentAsync(entry);
        await Expect(article.AwaitingModerationNotice).ToBeVisibleAsync();
        await Expect(article.CommentBy(entry.Name)).ToHaveCountAsync(0);

        await using var staffContext = await app.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await new SignInPage(staff).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var moderation = new ModerationPage(staff);
        await moderation.OpenAsync();
        await Expect(moderation.CommentWithText(entry.Text)).ToContainTextAsync("(a reply)");
        await moderation.ApproveAsync(entry.Name, entry.Text);

        await article.Page.ReloadAsync();
        var answer = article.WithCommentBy(article.RepliesTo(arranged.ReplyId), entry.Name);
        await Expect(answer).ToHaveCountAsync(1);
        await Expect(answer).ToBeVisibleAsync();
        await Expect(answer).ToContainTextAsync(entry.Text);
        Assert.Equal(3, await ArticlePage.DepthOfAsync(answer));
        // Only the reply it answers moved in: the thread's first level still has the one reply.
        await Expect(article.RepliesTo(arranged.FirstCommentId)).ToHaveCountAsync(1);
        await Expect(article.Comments).ToHaveCountAsync(3);
    }
}
