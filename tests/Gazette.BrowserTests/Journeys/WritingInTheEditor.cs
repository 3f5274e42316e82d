using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>A reporter writes in the editor: the preview follows the text, and nothing typed is lost.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WritingInTheEditor(BrowserApp app)
{
    private const string TideTable = """
        The harbour office has published next week's tides.

        ## Tide times

        | Port | High water |
        |------|-----------:|
        | Outer quay | 06:12 |
        | Ferry slip | 06:31 |
        """;

    [Fact]
    public async Task ThePreviewShowsHeadingsAndTablesAsReadersWillSeeThem()
    {
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var editor = new ArticleEditorPage(page);
        await editor.OpenNewAsync();

        await editor.Title.FillAsync("Tides for the week");
        await editor.Body.FillAsync(TideTable);

        var preview = page.Locator("#preview-body");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Tide times", Level = 2 })).ToBeVisibleAsync();
        await Expect(preview.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await Expect(preview.GetByRole(AriaRole.Cell, new() { Name = "Outer quay" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-words]")).ToHaveTextAsync("19");
        await Expect(page.GetByLabel("Excerpt")).ToHaveAttributeAsync("placeholder", "The harbour office has published next week's tides.");
        // Side by side on a wide screen.
        var write = await editor.Body.BoundingBoxAsync();
        var shown = await preview.BoundingBoxAsync();
        Assert.True(shown!.X > write!.X + write.Width - 1, "The preview should sit beside the text on a wide screen.");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("editor-desktop.png"), FullPage = true, Caret = ScreenshotCaret.Initial });

        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The editor scrolls sideways at phone width.");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("editor-phone.png"), FullPage = true, Caret = ScreenshotCaret.Initial });
        Assert.True(watch.Problems.Count == 0, string.Join("\n", watch.Problems));
    }

    [Fact]
    public async Task WhatWasTypedSurvivesAReloadAndAnExpiredSession()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var editor = new ArticleEditorPage(page);
        await editor.OpenNewAsync();
        var title = app.Unique("Night ferry");

        // Typed, kept by the server, then the tab reloads.
        await editor.Title.FillAsync(title);
        await editor.Body.FillAsync("The night ferry returns in March.");
        await Expect(page.Locator("#autosave-status")).ToContainTextAsync("Draft copy kept at", new() { Timeout = 20_000 });
        await page.ReloadAsync();
        await Expect(page.GetByText("You have unsaved changes from")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Restore them" }).ClickAsync();
        await Expect(editor.Title).ToHaveValueAsync(title);
        await Expect(editor.Body).ToHaveValueAsync("The night ferry returns in March.");

        // The session runs out while the reporter goes on typing: the browser keeps the words.
        await context.ClearCookiesAsync();
        await editor.Body.FillAsync("The night ferry returns in March, a month early.");
        await Expect(page.Locator("#autosave-status")).ToContainTextAsync("You are signed out", new() { Timeout = 20_000 });

        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        await editor.OpenNewAsync();
        await Expect(page.GetByText("This browser kept changes from")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore them" }).ClickAsync();
        await Expect(editor.Title).ToHaveValueAsync(title);
        await Expect(editor.Body).ToHaveValueAsync("The night ferry returns in March, a month early.");
    }
}
