using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class PostingACommentInTheBrowser(BrowserApp app)
{
    [Fact]
    public async Task KeepsTheTextAndShowsTheErrorNextToTheEmailWhenTheEmailIsInvalid()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var article = new ArticlePage(await context.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        var entry = new CommentEntry(
            "Pat Doyle", "pat.doyle.example.org", null,
            $"Two paragraphs I would hate to type again.\n\nThe second one. ({app.Unique("kept")})");

        await article.PostCommentAsync(entry);

        var emailError = article.ErrorNextTo(article.EmailField);
        await Expect(emailError).ToBeVisibleAsync();
        await Expect(emailError).ToContainTextAsync("valid email address");
        await Expect(article.ErrorNextTo(article.NameField)).ToBeEmptyAsync();
        await Expect(article.ErrorNextTo(article.CommentField)).ToBeEmptyAsync();
        await Expect(article.CommentField).ToHaveValueAsync(entry.Text);
        await Expect(article.NameField).ToHaveValueAsync(entry.Name);
        await Expect(article.EmailField).ToHaveValueAsync(entry.Email);
        await Expect(article.AwaitingModerationNotice).ToHaveCountAsync(0);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Text.Contains("hate to type again"))),
            "A comment with an invalid email address was stored.");
    }
}
