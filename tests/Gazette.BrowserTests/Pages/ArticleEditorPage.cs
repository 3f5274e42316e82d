using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>What a reporter types into the editor.</summary>
public sealed record ArticleDraft(
    string Title, string Markdown, string ImageFile, string ImageAlt, string ImageCaption, string ImageCredit);

/// <summary>The newsroom's article editor, <c>/admin/articles/edit/{id?}</c>.</summary>
public sealed partial class ArticleEditorPage(IPage page)
{
    public ILocator Title => page.GetByLabel("Title", new() { Exact = true });

    public ILocator Body => page.GetByLabel("Body (Markdown)", new() { Exact = true });

    public ILocator ImageUpload => page.GetByLabel("Upload an image", new() { Exact = true });

    public ILocator ImageAlt => page.GetByLabel("Alt text", new() { Exact = true });

    public ILocator ImageCaption => page.GetByLabel("Caption", new() { Exact = true });

    public ILocator ImageCredit => page.GetByLabel("Credit (image source)", new() { Exact = true });

    public ILocator LibraryPicker => page.GetByText("Choose from the media library", new() { Exact = true });

    /// <summary>A library image in the editor's picker, named by its file name.</summary>
    public ILocator LibraryChoice(string fileName) => page.GetByRole(AriaRole.Radio, new() { Name = fileName, Exact = true });

    public ILocator PublishButton => page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true });

    /// <summary>The notice after a save (not the autosave line, which is a status too).</summary>
    public ILocator StatusNotice => page.GetByRole(AriaRole.Status).And(page.Locator(".notice"));

    /// <summary>The notice's link to the article just published.</summary>
    public ILocator LiveLink => page.GetByRole(AriaRole.Link, new() { Name = "Read it on the site" });

    public ILocator PublishOn => page.GetByLabel("Publish on", new() { Exact = true });

    public ILocator ScheduleButton => page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true });

    public ILocator ViewArticleLink => page.GetByRole(AriaRole.Link, new() { Name = "View article", Exact = true });

    /// <summary>The password readers must enter to read the article (empty: everyone reads it).</summary>
    public ILocator PasswordProtect => page.GetByLabel("Password protect", new() { Exact = true });

    public ILocator UpdateButton => page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true });

    /// <summary>"Revisions (N)", shown for an article that has been saved.</summary>
    public ILocator RevisionsLink => page.GetByRole(AriaRole.Link, new() { NameRegex = RevisionsCount() });

    public async Task OpenNewAsync()
    {
        await page.GotoAsync("/admin/articles/edit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New article", Level = 1 })).ToBeVisibleAsync();
    }

    public async Task OpenAsync(int articleId)
    {
        await page.GotoAsync($"/admin/articles/edit/{articleId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit article", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Fills the editor, publishes, and returns the article's public path.</summary>
    public async Task<string> PublishAsync(ArticleDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await Title.FillAsync(draft.Title);
        await Body.FillAsync(draft.Markdown);
        await ImageUpload.SetInputFilesAsync(draft.ImageFile);
        await ImageAlt.FillAsync(draft.ImageAlt);
        await ImageCaption.FillAsync(draft.ImageCaption);
        await ImageCredit.FillAsync(draft.ImageCredit);
        await PublishButton.ClickAsync();

        await Expect(page).ToHaveURLAsync(EditExistingArticle());
        await Expect(StatusNotice).ToContainTextAsync("Article published.");
        // The notice after publishing says where the article can be read, as the heading's link does.
        var live = await LiveLink.GetAttributeAsync("href");
        Assert.Equal(await ViewArticleLink.GetAttributeAsync("href"), live);
        return live ?? throw new InvalidOperationException("The editor shows no link to the published article.");
    }

    /// <summary>Opens the editor's library picker and picks the image named <paramref name="fileName"/>.</summary>
    public async Task PickFromLibraryAsync(string fileName)
    {
        await LibraryPicker.ClickAsync();
        await LibraryChoice(fileName).CheckAsync();
    }

    /// <summary>
    /// Writes a short article and schedules it for <paramref name="siteTime"/> (the site's clock):
    /// the publish button turns into "Schedule" as the time is typed.
    /// </summary>
    public async Task ScheduleAsync(string title, string markdown, DateTime siteTime)
    {
        await Title.FillAsync(title);
        await Body.FillAsync(markdown);
        await Expect(PublishButton).ToBeVisibleAsync();
        await PublishOn.FillAsync(siteTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await ScheduleButton.ClickAsync();

        await Expect(page).ToHaveURLAsync(EditExistingArticle());
        await Expect(StatusNotice).ToContainTextAsync("Scheduled for ");
    }

    /// <summary>Changes a published article's body and saves it with "Update".</summary>
    public async Task UpdateBodyAsync(string markdown)
    {
        await Body.FillAsync(markdown);
        await UpdateButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(EditExistingArticle());
        await Expect(StatusNotice).ToContainTextAsync("Article published.");
        await Expect(Body).ToHaveValueAsync(markdown.ReplaceLineEndings("\n"));
    }

    [GeneratedRegex(@"^Revisions \(\d+\)$")]
    private static partial Regex RevisionsCount();

    [GeneratedRegex(@"/admin/articles/edit/\d+$")]
    private static partial Regex EditExistingArticle();
}
