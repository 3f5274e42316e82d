using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>Where a commenter changes or deletes their own comment, <c>/comments/{id}/edit</c>.</summary>
public sealed class EditCommentPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Edit your comment", Level = 1 });

    public ILocator Text => page.GetByLabel("Your comment", new() { Exact = true });

    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save changes", Exact = true });

    public ILocator DeleteButton => page.GetByRole(AriaRole.Button, new() { Name = "Delete my comment", Exact = true });

    /// <summary>Why this browser may not change the comment (another browser, or the window is over).</summary>
    public ILocator Refusal => page.GetByRole(AriaRole.Alert);

    public async Task ExpectOpenAsync()
    {
        await Expect(Heading).ToBeVisibleAsync();
        await Expect(Text).ToBeEditableAsync();
    }

    public async Task ReplaceTextAsync(string text)
    {
        await ExpectOpenAsync();
        await Text.FillAsync(text);
        await SaveButton.ClickAsync();
    }

    public async Task DeleteAsync()
    {
        await ExpectOpenAsync();
        await DeleteButton.ClickAsync();
    }
}
