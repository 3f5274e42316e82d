using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// A story the newsroom protects with a password in the editor: a reader sees its headline and a password form,
/// gets a wrong password back with a message, enters the right one, reads the story and joins its
/// conversation; another reader still finds it locked.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingAProtectedStory(BrowserApp app)
{
    private const string Password = "lantern-42";

    [Fact]
    public async Task AReaderEntersThePasswordReadsTheStoryAndJoinsTheConversation()
    {
        var arranged = await app.ArrangeFullArticleAsync();

        // The newsroom protects the story in the editor.
        await using (var newsroom = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            var staff = await newsroom.NewPageAsync();
            await new SignInPage(staff).SignInAsync(app.Staff.UserName, app.Staff.Password);
            var editor = new ArticleEditorPage(staff);
            await editor.OpenAsync(arranged.Id);
            await editor.PasswordProtect.FillAsync(Password);
            await editor.UpdateButton.ClickAsync();
            await Expect(editor.StatusNotice).ToContainTextAsync("protected by its password");
            await Expect(editor.PasswordProtect).ToHaveValueAsync(Password);
            await editor.PasswordProtect.ScrollIntoViewIfNeededAsync();
            await staff.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("protected-story-editor.png") });
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        var article = new ArticlePage(page);

        await article.OpenAsync(arranged.Url);
        await Expect(article.PasswordGate).ToContainTextAsync("This story is protected. Enter the password to read it.");
        await Expect(article.Byline).ToBeVisibleAsync();
        await Expect(article.BodyBlocks).ToHaveCountAsync(0);
        await Expect(article.FeaturedImage).ToHaveCountAsync(0);
        await Expect(article.Conversation).ToHaveCountAsync(0);
        await AxeAssert.NoViolationsAsync(page, "a protected story's password form");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("protected-story-locked.png"), FullPage = true });

        await article.EnterPasswordAsync("lantern-24");
        await Expect(article.PasswordProblem).ToHaveTextAsync("That password is not right. Check it and try again.");
        await Expect(article.BodyBlocks).ToHaveCountAsync(0);
        await AxeAssert.NoViolationsAsync(page, "a protected story after a wrong password");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("protected-story-wrong-password.png"), FullPage = true });

        await article.EnterPasswordAsync(Password);
        await Expect(article.PasswordGate).ToHaveCountAsync(0);
        await Expect(article.SectionHeadings).ToHaveTextAsync(["What changes", "Where to find them"]);
        await Expect(article.FeaturedImage).ToBeVisibleAsync();
        await Expect(article.CommentBy(arranged.FirstCommentAuthor)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("protected-story-unlocked.png"), FullPage = true });

        await article.PostCommentAsync(new CommentEntry("Oskar Brandt", app.Unique("oskar") + "@example.org", null, "Good to have the tables early this year."));
        await Expect(article.AwaitingModerationNotice).ToBeVisibleAsync();
        // The story stays open in this browser, and only in this one.
        await article.OpenAsync(arranged.Url);
        await Expect(article.SectionHeadings).ToHaveCountAsync(2);
        await using var otherContext = await app.NewContextAsync();
        var other = new ArticlePage(await otherContext.NewPageAsync());
        await other.OpenAsync(arranged.Url);
        await Expect(other.PasswordGate).ToBeVisibleAsync();
        await Expect(other.BodyBlocks).ToHaveCountAsync(0);
        // Its card in the tag's list: the headline and byline, a lock and "Protected", no summary or picture.
        await other.Page.GotoAsync("/tag/tides-" + arranged.Url.Split('/')[^1]);
        var card = other.Page.Locator(".article-card").Filter(new() { HasText = "New tide tables arrive early" });
        await Expect(card.Locator(".protected-label")).ToHaveTextAsync("Protected");
        await Expect(card.Locator(".summary, .card-image")).ToHaveCountAsync(0);
        await card.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("protected-story-card.png") });

        Assert.True(watch.Problems.Count == 0, string.Join(Environment.NewLine, watch.Problems));
    }
}
