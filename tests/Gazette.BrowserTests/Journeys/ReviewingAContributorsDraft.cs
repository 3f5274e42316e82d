using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>A Contributor writes and submits; an Editor reviews, schedules, then publishes; readers see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewingAContributorsDraft(BrowserApp app)
{
    [Fact]
    public async Task AContributorSubmitsAndAnEditorSchedulesThenPublishes()
    {
        var contributorAccount = await app.ArrangeStaffAsync("Contributor");
        var editorAccount = await app.ArrangeStaffAsync("Editor");
        var title = "Lifeboat crew wins regional award " + app.Unique("lifeboat");

        // The Contributor may only submit: there is no Publish button and no upload.
        await using (var contributorContext = await app.NewContextAsync())
        {
            var page = await contributorContext.NewPageAsync();
            await new SignInPage(page).SignInAsync(contributorAccount.UserName, contributorAccount.Password);
            var editor = new ArticleEditorPage(page);
            await editor.OpenNewAsync();
            await Expect(editor.PublishButton).ToHaveCountAsync(0);
            await Expect(editor.ImageUpload).ToHaveCountAsync(0);
            await editor.Title.FillAsync(title);
            await editor.Body.FillAsync("The volunteer crew was honoured for a night rescue in October.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review", Exact = true }).ClickAsync();
            await Expect(editor.StatusNotice).ToContainTextAsync("Submitted for review");
        }

        // The Editor finds it on the dashboard, schedules it, then decides to publish at once.
        await using var editorContext = await app.NewContextAsync();
        var desk = await editorContext.NewPageAsync();
        await new SignInPage(desk).SignInAsync(editorAccount.UserName, editorAccount.Password);
        await desk.GetByRole(AriaRole.Link, new() { Name = "Review " + title, Exact = true }).ClickAsync();
        var review = new ArticleEditorPage(desk);
        await Expect(review.Title).ToHaveValueAsync(title);
        var siteTime = app.Services.GetRequiredService<SiteTime>();
        await review.PublishOn.FillAsync(siteTime.Now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await review.ScheduleButton.ClickAsync();
        await Expect(review.StatusNotice).ToContainTextAsync("Scheduled for ");

        await using var readerContext = await app.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync("/");
        await Expect(reader.GetByText(title)).ToHaveCountAsync(0);

        await review.PublishOn.FillAsync("");
        await review.PublishButton.ClickAsync();
        await Expect(review.StatusNotice).ToContainTextAsync("Article published.");
        await review.ViewArticleLink.ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await reader.GotoAsync("/");
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }
}
