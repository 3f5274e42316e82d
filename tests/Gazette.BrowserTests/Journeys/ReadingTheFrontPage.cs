using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// A reader opens the front page and a section's page on a desktop and on a phone: the lead story,
/// the stories beside it and the section blocks show, with library pictures chosen from the sizes
/// made of them, none downloaded at more than twice the size it is shown at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingTheFrontPage(BrowserApp app)
{
    [Theory]
    [InlineData(1280, 900, 1, "front-page-desktop.png")]
    [InlineData(390, 844, 3, "front-page-phone.png")]
    public async Task TheFrontPageAndASectionShowTheirStoriesWithPicturesSizedToTheScreen(int width, int height, float pixelRatio, string screenshot)
    {
        var picture = await UploadPictureAsync();
        await ArrangeStoriesAsync(picture, 9);
        await using var context = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, DeviceScaleFactor = pixelRatio, IsMobile = width < 600, HasTouch = width < 600,
        });
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "/", "/category/local" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator(".front-top .lead h2")).ToBeVisibleAsync();
            await Expect(page.Locator(".secondary-stories .article-card").First).ToBeVisibleAsync();
            await AxeAssert.NoViolationsAsync(page, path + $" at {width}px");
            if (path == "/")
            {
                await Expect(page.Locator(".section-block .section-heading").First).ToBeVisibleAsync();
                await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath(screenshot), FullPage = true });
            }
            await AssertNoPictureIsOversizedAsync(page, pixelRatio);
        }

        // And a story's own page, its picture across the column.
        await page.GotoAsync("/");
        await page.Locator(".front-top .lead h2 a").ClickAsync();
        await Expect(page.Locator("article h1")).ToBeVisibleAsync();
        await AssertNoPictureIsOversizedAsync(page, pixelRatio);
    }

    /// <summary>Every image, once loaded (scrolled into view), is at most twice as wide as the pixels it fills.</summary>
    private static async Task AssertNoPictureIsOversizedAsync(IPage page, float pixelRatio)
    {
        // Lazy images load as they come near the screen: scroll the whole page through.
        await page.EvaluateAsync("async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); } window.scrollTo(0, 0); }");
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        var images = await page.EvaluateAsync<ImageSize[]>(
            "() => [...document.images].filter(i => i.naturalWidth > 0).map(i => ({ src: i.currentSrc, natural: i.naturalWidth, shown: i.getBoundingClientRect().width }))");
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            Assert.True(image.Natural <= 2 * image.Shown * pixelRatio + 1,
                $"{image.Src} is {image.Natural}px wide for {image.Shown}px at {pixelRatio}x on {page.Url}");
        }
    }

    private sealed class ImageSize
    {
        public string Src { get; set; } = "";
        public int Natural { get; set; }
        public double Shown { get; set; }
    }

    private async Task<string> UploadPictureAsync()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var library = new MediaLibraryPage(page);
        await page.GotoAsync("/admin/media");
        await library.UploadField.SetInputFilesAsync(RepositoryFiles.UploadImage);
        await library.UploadButton.ClickAsync();
        await Expect(library.Notice).ToBeVisibleAsync();
        return await app.WithDbAsync(db => db.MediaItems.OrderByDescending(m => m.Id).Select(m => m.Path).FirstAsync());
    }

    /// <summary>Stories newer than any other, with the library picture, filed in the demo's Harbour section (under Local).</summary>
    private async Task ArrangeStoriesAsync(string picture, int count)
    {
        await app.WithDbAsync(async db =>
        {
            var author = await db.Users.SingleAsync(u => u.UserName == app.Staff.UserName);
            var harbour = await db.Categories.SingleAsync(c => c.Slug == "harbour");
            var now = DateTime.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var slug = app.Unique("quay-works");
                var article = new Article
                {
                    Title = $"Quay works, day {i + 1}: the cranes arrive " + slug, Slug = slug, Body = "The cranes arrived at dawn.",
                    Status = ArticleStatus.Published, CreatedAt = now, UpdatedAt = now, PublishedAt = now.AddMinutes(-i),
                    AuthorId = author.Id, FeaturedImageUrl = picture, FeaturedImageAlt = "Cranes on the quay", CommentsOpen = true,
                };
                article.Categories.Add(harbour);
                db.Articles.Add(article);
            }
            return await db.SaveChangesAsync();
        });
    }
}
