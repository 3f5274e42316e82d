using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The moderation queue, <c>/admin/comments</c>.</summary>
public sealed class ModerationPage(IPage page)
{
    public ILocator StatusNotice => page.GetByRole(AriaRole.Status);

    public ILocator Comments => page.Locator("li.moderation-item");

    /// <summary>The queued comment whose text contains <paramref name="text"/>.</summary>
    public ILocator CommentWithText(string text) => Comments.Filter(new() { HasText = text });

    /// <summary>Opens the pending tab, the queue's default.</summary>
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/comments");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Comments", Level = 1 })).ToBeVisibleAsync();
    }

    public async Task ApproveAsync(string author, string text)
    {
        var comment = CommentWithText(text);
        await Expect(comment).ToHaveCountAsync(1);
        await comment.GetByRole(AriaRole.Button, new() { Name = $"Approve the comment by {author}", Exact = true }).ClickAsync();
        await Expect(StatusNotice).ToContainTextAsync("1 comment approved.");
        await Expect(CommentWithText(text)).ToHaveCountAsync(0);
    }
}
