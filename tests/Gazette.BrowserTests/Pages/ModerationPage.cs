using System.Globalization;
using System.Text.RegularExpressions;
using Gazette.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The moderation queue, <c>/admin/comments</c>.</summary>
public sealed partial class ModerationPage(IPage page)
{
    public ILocator StatusNotice => page.GetByRole(AriaRole.Status);

    public ILocator Comments => page.Locator("li.moderation-item");

    /// <summary>The queued comment whose text contains <paramref name="text"/>.</summary>
    public ILocator CommentWithText(string text) => Comments.Filter(new() { HasText = text });

    public ILocator Tabs => page.GetByRole(AriaRole.Navigation, new() { Name = "Comment states", Exact = true });

    /// <summary>The tab of a state showing this count, e.g. "Pending (3)".</summary>
    public ILocator Tab(CommentStatus status, int count) =>
        Tabs.GetByRole(AriaRole.Link, new() { Name = $"{status} ({count})", Exact = true });

    public ILocator BulkActions => page.GetByRole(AriaRole.Group, new() { Name = "Act on the ticked comments", Exact = true });

    public ILocator UndoButton => StatusNotice.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true });

    public ILocator TickBoxFor(string author) =>
        page.GetByRole(AriaRole.Checkbox, new() { Name = $"Tick the comment by {author}", Exact = true });

    /// <summary>The "Edited by its author" history of a queued comment, folded until opened.</summary>
    public static ILocator EditHistoryOf(ILocator comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return comment.Locator("details.edit-history");
    }

    /// <summary>Opens the pending tab, the queue's default.</summary>
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/comments");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Comments", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The count each state's tab shows now.</summary>
    public async Task<IReadOnlyDictionary<CommentStatus, int>> CountsAsync()
    {
        var counts = new Dictionary<CommentStatus, int>();
        foreach (var tab in await Tabs.GetByRole(AriaRole.Link).AllTextContentsAsync())
        {
            var match = TabText().Match(tab);
            Assert.True(match.Success, $"A tab reads \"{tab}\", not \"State (count)\".");
            counts[Enum.Parse<CommentStatus>(match.Groups["status"].Value)] = int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>Ticks the comments by these authors and presses a button of the bulk actions.</summary>
    public async Task ActOnTickedAsync(string action, params IEnumerable<string> authors)
    {
        foreach (var author in authors)
        {
            await TickBoxFor(author).CheckAsync();
        }
        await BulkActions.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
    }

    public async Task ApproveAsync(string author, string text)
    {
        var comment = CommentWithText(text);
        await Expect(comment).ToHaveCountAsync(1);
        await comment.GetByRole(AriaRole.Button, new() { Name = $"Approve the comment by {author}", Exact = true }).ClickAsync();
        await Expect(StatusNotice).ToContainTextAsync("1 comment approved.");
        await Expect(CommentWithText(text)).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"^\s*(?<status>\w+)\s+\((?<count>\d+)\)\s*$")]
    private static partial Regex TabText();
}
