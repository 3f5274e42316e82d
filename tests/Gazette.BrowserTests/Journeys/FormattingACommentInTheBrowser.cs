using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// A reader formats a comment with the tags the form's hint lists (a link, emphasis, a quote, code,
/// line breaks), sees it formatted while it waits, and every reader sees it so once approved; a
/// script typed with it shows as typed and never runs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormattingACommentInTheBrowser(BrowserApp app)
{
    [Fact]
    public async Task AReadersFormattingShowsAndTheirScriptStaysText()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = ActiveContent.Watch(page);
        var article = new ArticlePage(page);
        await article.OpenAsync(arranged.Url);
        var hint = page.Locator("#text-hint");
        await Expect(hint).ToBeVisibleAsync();
        await Expect(hint).ToContainTextAsync("<blockquote>");
        await Expect(article.CommentField).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("You may use these HTML tags"));

        var email = app.Unique("formatting") + "@example.org";
        await article.PostCommentAsync(new CommentEntry("Ilse Brandt", email, null, """
            The <em>new</em> timetable is <a href="https://harbour.example.org/timetable">online</a>.
            Worth a look.

            <blockquote>The night ferry sails at <strong>22:40</strong>.</blockquote>
            Remind me: <code>at 22:00</code> <script>window.__xss = 1; alert('typed')</script>
            """));

        // The reader's own preview, while it waits, is formatted as it will be.
        await Expect(article.AwaitingModerationNotice).ToBeVisibleAsync();
        await Expect(page.Locator(".comment-pending .comment-text em")).ToHaveTextAsync("new");
        var id = await app.WithDbAsync(async db =>
        {
            var comment = await db.Comments.SingleAsync(c => c.AuthorEmail == email);
            comment.Status = CommentStatus.Approved;
            await db.SaveChangesAsync();
            return comment.Id;
        });

        await article.OpenAsync(arranged.Url);
        var text = article.CommentTextOf(id);
        await Expect(text.Locator("em")).ToHaveTextAsync("new");
        var link = text.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "online" });
        await Expect(link).ToHaveAttributeAsync("href", "https://harbour.example.org/timetable");
        await Expect(link).ToHaveAttributeAsync("rel", "nofollow ugc");
        await Expect(text.Locator("p").First.Locator("br")).ToHaveCountAsync(1);
        await Expect(text.Locator("blockquote")).ToHaveTextAsync("The night ferry sails at 22:40.");
        await Expect(text.Locator("blockquote strong")).ToHaveTextAsync("22:40");
        await Expect(text.Locator("code")).ToHaveTextAsync("at 22:00");
        await Expect(text).ToContainTextAsync("<script>window.__xss = 1; alert('typed')</script>");
        var problems = await ActiveContent.FindAsync(page);
        Assert.True(problems.Count == 0 && dialogs.Dialogs.Count == 0, string.Join("\n", problems.Concat(dialogs.Dialogs)));
        await AxeAssert.NoViolationsAsync(page, "an article with a formatted comment");
    }
}
