using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// The article page is one cached copy for every reader; what belongs to one reader (their saved
/// details, "Edit" under their own comment) is added by their browser, on that very copy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CommentingOnACachedPage(BrowserApp app)
{
    [Fact]
    public async Task AReturningCommenterFindsTheirDetailsAndTheirEditLinkOnTheCopyEveryoneGets()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        // Someone whose comments are published at once: one of theirs was approved before.
        var regular = (await app.ArrangeCommentsAsync(arranged.Id, 1, CommentStatus.Approved))[0];
        await using var readerContext = await app.NewContextAsync();
        var article = new ArticlePage(await readerContext.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        var text = $"The new pontoon is already crowded. ({app.Unique("mine")})";

        await article.FillCommentAsync(new CommentEntry(regular.Name, regular.Email, "https://pontoon.example.org", text));
        await article.Page.GetByLabel("Save my name, email and website in this browser").CheckAsync();
        await article.PostCommentButton.ClickAsync();
        await Expect(article.Notice("your comment is published")).ToBeVisibleAsync();

        // A stranger's visit stores the page; the commenter's next visit is served that copy.
        await using var strangerContext = await app.NewContextAsync();
        var stranger = new ArticlePage(await strangerContext.NewPageAsync());
        await stranger.OpenAsync(arranged.Url);
        var again = await article.Page.GotoAsync(arranged.Url);
        Assert.NotNull(await again!.HeaderValueAsync("age"));

        var mine = article.CommentBy(regular.Name).Filter(new() { HasText = text });
        await Expect(ArticlePage.EditLinkIn(mine)).ToBeVisibleAsync();
        await Expect(article.NameField).ToHaveValueAsync(regular.Name);
        await Expect(article.EmailField).ToHaveValueAsync(regular.Email);
        await Expect(article.WebsiteField).ToHaveValueAsync("https://pontoon.example.org");
        await Expect(article.Page.GetByLabel("Save my name, email and website in this browser")).ToBeCheckedAsync();

        // The stranger, on the same copy, has neither.
        await stranger.Page.ReloadAsync();
        await Expect(stranger.CommentBy(regular.Name).Filter(new() { HasText = text })).ToBeVisibleAsync();
        await Expect(ArticlePage.EditLinkIn(stranger.CommentBy(regular.Name).Filter(new() { HasText = text }))).ToHaveCountAsync(0);
        await Expect(stranger.NameField).ToHaveValueAsync("");
        await Expect(stranger.EmailField).ToHaveValueAsync("");

        // Unticking the box and posting again forgets the details in this browser.
        await article.CommentField.FillAsync($"And the ferry is late again. ({app.Unique("second")})");
        await article.Page.GetByLabel("Save my name, email and website in this browser").UncheckAsync();
        await article.PostCommentButton.ClickAsync();
        await Expect(article.Notice("your comment is published")).ToBeVisibleAsync();
        await article.Page.GotoAsync(arranged.Url);
        await Expect(article.NameField).ToHaveValueAsync("");
        await Expect(article.EmailField).ToHaveValueAsync("");
    }

    [Fact]
    public async Task TwoReadersPostingFromTheSameCachedCopyAreBothHeard()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var firstContext = await app.NewContextAsync();
        await using var secondContext = await app.NewContextAsync();
        var first = new ArticlePage(await firstContext.NewPageAsync());
        var second = new ArticlePage(await secondContext.NewPageAsync());
        await first.OpenAsync(arranged.Url);
        await second.OpenAsync(arranged.Url);

        // Both forms came with the same copy of the page; each browser asks for a token of its own.
        await first.PostCommentAsync(new CommentEntry("Ada Ness", app.Unique("ada") + "@example.org", null, "First of two from one copy."));
        await Expect(first.AwaitingModerationNotice).ToBeVisibleAsync();
        await second.PostCommentAsync(new CommentEntry("Bo Lind", app.Unique("bo") + "@example.org", null, "Second of two from one copy."));
        await Expect(second.AwaitingModerationNotice).ToBeVisibleAsync();
    }
}
