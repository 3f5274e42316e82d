using System.Text.RegularExpressions;
using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>An Author fills the media library, describes an image once, and uses it in an article readers see.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BuildingAndUsingTheMediaLibrary(BrowserApp app) : IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("gazette-media-");

    [Fact]
    public async Task AnAuthorUploadsDescribesAndPicksAnImageAndReadersSeeItWithItsCredit()
    {
        const string alt = "A lighthouse on a dark headland and two sailboats on calm water at sunrise";
        const string caption = "The outer harbour before the first ferry.";
        const string credit = "Kestrel Bay Harbour Board";
        var photo = Path.Combine(_files.FullName, "outer-harbour.jpg");
        File.Copy(RepositoryFiles.UploadImage, photo);
        var author = await app.CreateStaffAsync("Author");

        await using var staffContext = await app.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        var staffWatch = PageWatch.Start(staff, app.BaseAddress);
        await new SignInPage(staff).SignInAsync(author.UserName, author.Password);
        var library = new MediaLibraryPage(staff);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Media", Exact = true }).ClickAsync();
        await Expect(library.Heading).ToBeVisibleAsync();

        // Two drawn images at once, then the photo on its own, which opens its page to be described.
        await library.UploadAsync(Draw("tide-chart.png", 1200, 800), Draw("buoy-light.gif", 640, 480, frames: 3));
        await Expect(library.Notice).ToHaveTextAsync("2 images added.");
        await library.UploadAsync(photo);
        await Expect(staff).ToHaveURLAsync(ImagePage());
        await Expect(library.ImageHeading("outer-harbour.jpg")).ToBeVisibleAsync();
        await library.DescribeAsync(alt, caption, credit);
        await staff.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("media-image.png"), FullPage = true });
        await AxeAssert.NoViolationsAsync(staff, "an image's page in the library");

        await library.OpenAsync();
        foreach (var name in new[] { "outer-harbour.jpg", "buoy-light.gif", "tide-chart.png" })
        {
            var thumbnail = library.Card(name).Locator("img");
            await Expect(thumbnail).ToBeVisibleAsync();
            Assert.True(await thumbnail.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), $"The thumbnail of {name} did not load.");
        }
        await staff.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("media-library.png"), FullPage = true });
        await AxeAssert.NoViolationsAsync(staff, "the media library");

        // The editor picks the image from its own list; the library's description fills the empty fields.
        var editor = new ArticleEditorPage(staff);
        await editor.OpenNewAsync();
        var title = "Night ferry timetable " + app.Unique("published");
        await editor.Title.FillAsync(title);
        await editor.Body.FillAsync("The ferry leaves at 22:40.\n\n## Fares\n\nResidents pay less.");
        await editor.PickFromLibraryAsync("outer-harbour.jpg");
        await staff.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("media-picker.png"), FullPage = true });
        await editor.PublishButton.ClickAsync();
        await Expect(editor.StatusNotice).ToContainTextAsync("Article published.");
        await Expect(editor.ImageAlt).ToHaveValueAsync(alt);
        await Expect(editor.ImageCredit).ToHaveValueAsync(credit);
        var path = await editor.ViewArticleLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("No link to the article.");

        // A reader gets the image in a size that fits, as WebP, with its caption and credit.
        await using var readerContext = await app.NewContextAsync();
        var article = new ArticlePage(await readerContext.NewPageAsync());
        var readerWatch = PageWatch.Start(article.Page, app.BaseAddress);
        await article.OpenAsync(path);
        await Expect(article.FeaturedImage).ToBeVisibleAsync();
        await Expect(article.FeaturedImage).ToHaveAttributeAsync("alt", alt);
        await Expect(article.ImageCaption).ToHaveTextAsync(caption);
        await Expect(article.ImageCredit).ToBeVisibleAsync();
        await Expect(article.ImageCredit).ToHaveTextAsync($"Image source: {credit}");
        Assert.True(await article.FeaturedImage.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The featured image did not load.");
        Assert.EndsWith(".webp", await article.FeaturedImage.EvaluateAsync<string>("img => img.currentSrc"), StringComparison.Ordinal);

        // The library at phone width.
        await using var phoneContext = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var phone = await phoneContext.NewPageAsync();
        var phoneWatch = PageWatch.Start(phone, app.BaseAddress);
        await new SignInPage(phone).SignInAsync(author.UserName, author.Password);
        var phoneLibrary = new MediaLibraryPage(phone);
        await phoneLibrary.OpenAsync();
        await Expect(phoneLibrary.Card("outer-harbour.jpg")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The library scrolls sideways on a phone.");
        await phone.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("media-library-phone.png"), FullPage = true });

        var problems = staffWatch.Problems.Concat(readerWatch.Problems).Concat(phoneWatch.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task AnUploadTooLargeForTheServerGetsAnExplanationNotABrokenConnection()
    {
        // 40 MB: over this app's 21 MB for an upload, and over Kestrel's own 30 MB for any request.
        var huge = Path.Combine(_files.FullName, "scan.jpg");
        await using (var file = File.Create(huge))
        {
            file.SetLength(40L * 1024 * 1024);
        }
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var library = new MediaLibraryPage(page);
        await library.OpenAsync();

        await library.UploadAsync(huge);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "That upload is too large", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("An image may be at most 10 MB")).ToBeVisibleAsync();
        await library.OpenAsync();
        await Expect(library.Card("scan.jpg")).ToHaveCountAsync(0);
    }

    public void Dispose() => _files.Delete(recursive: true);

    private string Draw(string name, int width, int height, int frames = 1)
    {
        using var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgba32((byte)(40 + x * 120 / width), (byte)(90 + y * 100 / height), (byte)(150 + (x + y) % 60));
                }
            }
        });
        for (var i = 1; i < frames; i++)
        {
            using var frame = new Image<Rgba32>(width, height, new Rgba32((byte)(200 - 40 * i), 160, 60));
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }
        var path = Path.Combine(_files.FullName, name);
        image.Save(path);
        return path;
    }

    [GeneratedRegex(@"/admin/media/\d+$")]
    private static partial Regex ImagePage();
}
