using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class EditingYourOwnComment(BrowserApp app)
{
    [Fact]
    public async Task TheBrowserThatPostedItEditsAndDeletesItAndTheModeratorSeesTheEarlierText()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var readerContext = await app.NewContextAsync();
        var article = new ArticlePage(await readerContext.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        var entry = new CommentEntry(
            "Ines Calder", app.Unique("ines") + "@example.org", null, $"The tables are out in Febuary, not March. ({app.Unique("typo")})");
        var corrected = entry.Text.Replace("Febuary", "February", StringComparison.Ordinal);

        // A first comment waits for moderation; the notice links to where it can still be changed.
        await article.PostCommentAsync(entry);
        await Expect(article.AwaitingModerationNotice).ToBeVisibleAsync();
        await article.EditJustPostedLink.ClickAsync();
        var edit = new EditCommentPage(article.Page);
        await edit.ExpectOpenAsync();
        await Expect(edit.Text).ToHaveValueAsync(entry.Text);
        await edit.ReplaceTextAsync(corrected);
        await Expect(article.Headline).ToBeVisibleAsync();
        await Expect(article.Notice("Your changes are saved. Your comment is still awaiting moderation.")).ToBeVisibleAsync();
        await Expect(article.EditJustPostedLink).ToBeVisibleAsync();

        // The moderator sees the text as it is now, and what it was before.
        await using var staffContext = await app.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await new SignInPage(staff).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var moderation = new ModerationPage(staff);
        await moderation.OpenAsync();
        var queued = moderation.CommentWithText(corrected);
        await Expect(queued).ToHaveCountAsync(1);
        var history = ModerationPage.EditHistoryOf(queued);
        await history.GetByText("Edited by its author: 1 earlier version", new() { Exact = true }).ClickAsync();
        await Expect(history.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([entry.Text]);
        await moderation.ApproveAsync(entry.Name, corrected);

        // Once approved, the reader's browser sees the corrected text and may still change it.
        await article.Page.ReloadAsync();
        var mine = article.CommentBy(entry.Name);
        await Expect(mine).ToContainTextAsync(corrected);
        await Expect(mine).Not.ToContainTextAsync("Febuary");
        var editLink = ArticlePage.EditLinkIn(mine);
        await Expect(editLink).ToBeVisibleAsync();
        var editPath = await editLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("The edit link has no address.");

        // Another browser sees the comment but no way to change it, even with the address.
        await using var strangerContext = await app.NewContextAsync();
        var stranger = new ArticlePage(await strangerContext.NewPageAsync());
        await stranger.OpenAsync(arranged.Url);
        await Expect(stranger.CommentBy(entry.Name)).ToContainTextAsync(corrected);
        await Expect(ArticlePage.EditLinkIn(stranger.CommentBy(entry.Name))).ToHaveCountAsync(0);
        var refused = await stranger.Page.GotoAsync(editPath);
        Assert.Equal(403, refused?.Status);
        var strangerEdit = new EditCommentPage(stranger.Page);
        await Expect(strangerEdit.Refusal).ToContainTextAsync("can no longer be changed here");
        await Expect(strangerEdit.Text).ToHaveCountAsync(0);

        // The reader thinks better of it and deletes it.
        await editLink.ClickAsync();
        await edit.DeleteAsync();
        await Expect(article.Headline).ToBeVisibleAsync();
        await Expect(article.Notice("Your comment is deleted.")).ToBeVisibleAsync();
        await Expect(article.CommentBy(entry.Name)).ToHaveCountAsync(0);
        await Expect(article.Conversation).Not.ToContainTextAsync(corrected);
    }
}
