using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// A reporter formats with the toolbar and its shortcuts, puts a library picture in the text with its
/// caption and credit, drops another in from the desktop, and embeds a video that loads nothing from
/// its site until a reader clicks it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WritingWithTheToolbar(BrowserApp app)
{
    [Fact]
    public async Task TheReporterFormatsInsertsPicturesAndEmbedsAVideoThatLoadsOnlyWhenClicked()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var editor = new ArticleEditorPage(page);
        await editor.OpenNewAsync();
        var title = "Harbour wall repaired before the spring tides " + app.Unique("wall");
        await editor.Title.FillAsync(title);

        // A word typed, selected, made bold by the shortcut; a heading by the toolbar, reached by arrow keys.
        await editor.Body.FillAsync("Masons worked through the night.");
        await editor.Body.EvaluateAsync("b => b.setSelectionRange(0, 7)");
        await editor.Body.PressAsync("Control+b");
        await Expect(editor.Body).ToHaveValueAsync("**Masons** worked through the night.");
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Formatting" });
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Heading" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Bold" })).ToBeFocusedAsync();
        await editor.Body.EvaluateAsync("b => b.setSelectionRange(b.value.length, b.value.length)");
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Heading" }).ClickAsync();
        await Expect(editor.Body).ToHaveValueAsync("## **Masons** worked through the night.");

        // The demo's picture from the library, with its caption and credit.
        await editor.Body.EvaluateAsync("b => b.setSelectionRange(b.value.length, b.value.length)");
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Image" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Insert a picture" });
        await dialog.GetByRole(AriaRole.Button).Filter(new() { HasText = "lighthouse" }).First.ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(editor.Body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\^\^\^\n!\[[^\]]*lighthouse[^\]]*\]\(/media/[^)]+\)\n\^\^\^ First light over the outer harbour.* · Image: Gazette demo illustration"));

        // A picture dropped in from the desktop goes to the library and into the text.
        var bytes = Convert.ToBase64String(await File.ReadAllBytesAsync(RepositoryFiles.UploadImage));
        var drop = await page.EvaluateHandleAsync($$"""
            () => {
              const bytes = Uint8Array.from(atob("{{bytes}}"), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], "wall-at-dawn.jpg", { type: "image/jpeg" }));
              return data;
            }
            """);
        await editor.Body.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = drop });
        await Expect(editor.Body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"!\[\]\(/media/\d{4}/\d{2}/wall-at-dawn-[0-9a-f]+\.jpg\)"));

        // And one pasted, as from a screenshot.
        await editor.Body.EvaluateAsync($$"""
            b => {
              const bytes = Uint8Array.from(atob("{{bytes}}"), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], "pasted-quay.jpg", { type: "image/jpeg" }));
              b.setSelectionRange(b.value.length, b.value.length);
              b.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """);
        await Expect(editor.Body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"!\[\]\(/media/\d{4}/\d{2}/pasted-quay-[0-9a-f]+\.jpg\)"));

        // One uploaded from the Image dialog.
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Image" }).ClickAsync();
        await dialog.GetByLabel("Upload a new one").SetInputFilesAsync(new FilePayload { Name = "harbour-crane.jpg", MimeType = "image/jpeg", Buffer = await File.ReadAllBytesAsync(RepositoryFiles.UploadImage) });
        await Expect(editor.Body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"!\[\]\(/media/\d{4}/\d{2}/harbour-crane-[0-9a-f]+\.jpg\)"));

        // A video by its address alone on a line.
        await editor.Body.EvaluateAsync("b => b.setSelectionRange(b.value.length, b.value.length)");
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Embed" }).ClickAsync();
        await page.Keyboard.TypeAsync("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        await editor.PublishButton.ClickAsync();
        await Expect(editor.StatusNotice).ToContainTextAsync("Article published.");

        // A reader: nothing from the video's site until the card is clicked.
        await using var readerContext = await app.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        var requested = new List<string>();
        reader.Request += (_, request) => requested.Add(request.Url);
        await reader.GotoAsync(await editor.LiveLink.GetAttributeAsync("href") ?? "/");
        await Expect(reader.Locator("article h1")).ToHaveTextAsync(title);
        await Expect(reader.Locator("article figure img").First).ToBeVisibleAsync();
        var card = reader.Locator(".embed-video");
        await Expect(card).ToContainTextAsync("Play the video");
        Assert.DoesNotContain(requested, url => !url.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal));

        var player = reader.WaitForRequestAsync(request => request.Url.StartsWith("https://www.youtube-nocookie.com/", StringComparison.Ordinal));
        await card.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(card.Locator("iframe")).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", (await player).Url);
    }
}
