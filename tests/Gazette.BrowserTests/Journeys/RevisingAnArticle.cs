using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>An editor changes an article twice, compares the versions and puts the first one back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RevisingAnArticle(BrowserApp app)
{
    [Fact]
    public async Task AnEditorComparesTwoEditsAndRestoresTheFirstVersion()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        var original = await app.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Id == arranged.Id).Body));
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);

        // Two edits: a word in the first paragraph, then a longer last paragraph.
        var editor = new ArticleEditorPage(page);
        await editor.OpenAsync(arranged.Id);
        var once = original.Replace("a month earlier than usual", "two months earlier than usual", StringComparison.Ordinal);
        await editor.UpdateBodyAsync(once);
        var twice = once.Replace("the library and the ferry terminal.", "the library, the ferry terminal and the harbour office <b>itself</b>.", StringComparison.Ordinal);
        await editor.UpdateBodyAsync(twice);
        await Expect(editor.RevisionsLink).ToHaveTextAsync("Revisions (3)");

        // The revisions open on the latest change.
        await editor.RevisionsLink.ClickAsync();
        var revisions = new RevisionsPage(page);
        await revisions.WaitAsync();
        await Expect(revisions.Rows).ToHaveCountAsync(3);
        await Expect(revisions.Removed("Body")).ToHaveTextAsync([" and"]);
        await Expect(revisions.Added("Body")).ToHaveTextAsync([",", " and the harbour office <b>itself</b>"]);

        // The original against the latest: both edits, the unchanged paragraphs between them folded.
        await revisions.CompareAsync(from: 2, to: 0);
        await Expect(revisions.Removed("Body")).ToHaveTextAsync(["a month", " and"]);
        await Expect(revisions.Added("Body")).ToHaveTextAsync(["two months", ",", " and the harbour office <b>itself</b>"]);
        await Expect(revisions.Field("Body").Locator(".diff-fold")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("revisions.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("revisions-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        // Restore the first version: it becomes the latest revision, and the editor has its words.
        await revisions.RestoreFrom.ClickAsync();
        await Expect(revisions.StatusNotice).ToContainTextAsync("Revision restored.");
        await Expect(revisions.Rows).ToHaveCountAsync(4);
        await Expect(revisions.Rows.First).ToContainTextAsync("Restored from revision of");
        await editor.OpenAsync(arranged.Id);
        await Expect(editor.Body).ToHaveValueAsync(original.ReplaceLineEndings("\n"));

        var problems = watch.Problems.ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
