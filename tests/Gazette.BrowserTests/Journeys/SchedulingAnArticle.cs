using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>An Editor schedules an article and finds it on the dashboard; readers do not see it yet.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SchedulingAnArticle(BrowserApp app)
{
    [Fact]
    public async Task AnEditorSchedulesAnArticleAndSeesItOnTheDashboard()
    {
        var editorAccount = await app.ArrangeStaffAsync("Editor");
        var siteTime = app.Services.GetRequiredService<SiteTime>();
        var goesOut = siteTime.Now.Date.AddDays(2).AddHours(9).AddMinutes(30);
        var title = "Lighthouse open day announced " + app.Unique("open-day");

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        await new SignInPage(page).SignInAsync(editorAccount.UserName, editorAccount.Password);
        var editor = new ArticleEditorPage(page);
        await editor.OpenNewAsync();
        await editor.ScheduleAsync(title, "The keepers open the tower to visitors.\n\n## Getting there\n\nTake the harbour bus.", goesOut);
        await Expect(editor.ScheduleButton).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("editor-scheduled.png") });

        var dashboard = new DashboardPage(page);
        await dashboard.OpenAsync();
        var entry = dashboard.ScheduledArticle(title);
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry.Locator("time")).ToHaveTextAsync(siteTime.DateAndTime(siteTime.ToUtc(goesOut)!.Value));
        await AxeAssert.NoViolationsAsync(page, "the dashboard");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("dashboard-desktop.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "The whole schedule", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("Scheduled");
        await AxeAssert.NoViolationsAsync(page, "the scheduled articles");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("articles-scheduled-desktop.png") });
        Assert.True(watch.Problems.Count == 0, string.Join(Environment.NewLine, watch.Problems));

        await using var reader = await app.NewContextAsync();
        var home = await reader.NewPageAsync();
        await home.GotoAsync("/");
        await Expect(home.GetByText(title)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheDashboardAndSettingsFitAPhone()
    {
        await using var context = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        await LayoutAssert.NoSidewaysScrollingAsync(page, "the dashboard");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("dashboard-phone.png"), FullPage = true });

        var settings = new SettingsPage(page);
        await settings.OpenAsync();
        await Expect(settings.TimeZone).ToHaveValueAsync("UTC");
        await LayoutAssert.NoSidewaysScrollingAsync(page, "the settings");
        await AxeAssert.NoViolationsAsync(page, "the settings page");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("settings-phone.png"), FullPage = true });

        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("settings-desktop.png"), FullPage = true });

        // A refused save (nothing is stored) shows the message next to the field.
        await settings.SiteTitle.FillAsync("");
        await settings.SaveButton.ClickAsync();
        await Expect(settings.ErrorNextTo("Form_Title")).ToHaveTextAsync("Give the site a title.");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("settings-desktop-refused.png") });
        Assert.True(watch.Problems.Count == 0, string.Join(Environment.NewLine, watch.Problems));
    }
}
