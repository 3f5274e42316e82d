using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// A reporter files a story from a phone: the Publish button stays on the screen however long the
/// text, the byline can be chosen, and after publishing the notice leads straight to the live page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublishingFromAPhone(BrowserApp app)
{
    [Fact]
    public async Task TheReporterPublishesWithTheButtonInReachAndFollowsTheLinkToTheLivePage()
    {
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var editor = new ArticleEditorPage(page);
        await editor.OpenNewAsync();
        var title = "Lifeboat crew called out twice in one night " + app.Unique("lifeboat");
        await editor.Title.FillAsync(title);
        await editor.Body.FillAsync(string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Paragraph {i}: the crew launched at dusk and again before dawn, both times to yachts in trouble off the point.")));
        await page.GetByLabel("Byline", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Mara Lindqvist" });

        // Typing at the top of a long article, the button is on the screen all the same.
        await editor.Body.FocusAsync();
        var button = await editor.PublishButton.BoundingBoxAsync();
        Assert.NotNull(button);
        Assert.True(button.Y >= 0 && button.Y + button.Height <= 844, $"The Publish button is at {button.Y}px on an 844px screen.");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("editor-phone.png") });

        await editor.PublishButton.ClickAsync();
        await Expect(editor.StatusNotice).ToContainTextAsync("Article published.");
        await editor.LiveLink.ClickAsync();

        await Expect(page.Locator("article h1")).ToHaveTextAsync(title);
        await Expect(page.Locator(".byline .author a")).ToHaveTextAsync("Mara Lindqvist");
    }
}
