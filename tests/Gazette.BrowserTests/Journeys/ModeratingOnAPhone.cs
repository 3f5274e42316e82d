using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ModeratingOnAPhone(BrowserApp app)
{
    [Fact]
    public async Task ApprovesAndTrashesTickedCommentsInBulkAndUndoesTheLastAction()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        var pending = await app.ArrangeCommentsAsync(arranged.Id, 4, CommentStatus.Pending);
        await using var context = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var queue = new ModerationPage(page);
        await queue.OpenAsync();
        foreach (var comment in pending)
        {
            await Expect(queue.CommentWithText(comment.Text)).ToBeVisibleAsync();
        }
        await LayoutAssert.NoSidewaysScrollingAsync(page, "the queue");
        await AxeAssert.NoViolationsAsync(page, "the moderation queue at phone width");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("moderation-phone.png"), FullPage = true });
        var before = await queue.CountsAsync();
        // Far down the list, the buttons for the ticked comments are still at hand.
        await queue.TickBoxFor(pending[0].Name).ScrollIntoViewIfNeededAsync();
        await Expect(queue.BulkActions).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("moderation-phone-scrolled.png") });

        await queue.ActOnTickedAsync("Approve", pending[0].Name, pending[1].Name);
        await Expect(queue.StatusNotice).ToContainTextAsync("2 comments approved.");
        await Expect(queue.Tab(CommentStatus.Pending, before[CommentStatus.Pending] - 2)).ToBeVisibleAsync();
        await Expect(queue.Tab(CommentStatus.Approved, before[CommentStatus.Approved] + 2)).ToBeVisibleAsync();
        await Expect(queue.CommentWithText(pending[0].Text)).ToHaveCountAsync(0);
        await Expect(queue.CommentWithText(pending[1].Text)).ToHaveCountAsync(0);

        await queue.ActOnTickedAsync("Trash", pending[2].Name, pending[3].Name);
        await Expect(queue.StatusNotice).ToContainTextAsync("2 comments moved to the trash.");
        await Expect(queue.Tab(CommentStatus.Pending, before[CommentStatus.Pending] - 4)).ToBeVisibleAsync();
        await Expect(queue.Tab(CommentStatus.Trash, before[CommentStatus.Trash] + 2)).ToBeVisibleAsync();
        await Expect(queue.UndoButton).ToBeVisibleAsync();
        await LayoutAssert.NoSidewaysScrollingAsync(page, "the queue after a bulk action");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("moderation-phone-after-trash.png"), FullPage = true });

        // Undo takes back the last action only: the trashed two return, the approved two stay approved.
        await queue.UndoButton.ClickAsync();
        await Expect(queue.StatusNotice).ToContainTextAsync("Undone: 2 comments are back where they were.");
        await Expect(queue.Tab(CommentStatus.Pending, before[CommentStatus.Pending] - 2)).ToBeVisibleAsync();
        await Expect(queue.Tab(CommentStatus.Trash, before[CommentStatus.Trash])).ToBeVisibleAsync();
        await Expect(queue.Tab(CommentStatus.Approved, before[CommentStatus.Approved] + 2)).ToBeVisibleAsync();
        await Expect(queue.CommentWithText(pending[2].Text)).ToBeVisibleAsync();
        await Expect(queue.CommentWithText(pending[3].Text)).ToBeVisibleAsync();
        await Expect(queue.CommentWithText(pending[0].Text)).ToHaveCountAsync(0);
    }
}
