using Gazette.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// A reader opens an article imported from WordPress's block editor: its columns, media and text,
/// gallery, buttons and cover sit side by side on a desktop and stack on a phone, as in WordPress's
/// default theme; its sound and video play in the browser's players and its embedded video loads
/// from YouTube only when clicked, with nothing fetched from another site before.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingAnImportedBlockArticle(BrowserApp app)
{
    [Fact]
    public async Task BlocksSitSideBySideOnADesktopAndStackOnAPhone()
    {
        var url = await app.ArrangeBlocksArticleAsync();

        await using var desktop = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await desktop.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        await OpenAsync(page, url);

        var columns = await BoxesAsync(page, ".wp-block-columns > .wp-block-column");
        AssertInARow(columns, "columns");
        Assert.InRange(columns[1].Width / columns[0].Width, 1.7, 2.3);
        var paragraph = await BoxAsync(page.Locator(".article-body > p").First);
        Assert.True(columns[1].X + columns[1].Width - columns[0].X > paragraph.Width + 100, "wide columns reach beyond the text");
        AssertInARow(await BoxesAsync(page, ".wp-block-media-text > *"), "media and text");
        AssertInARow(await BoxesAsync(page, ".wp-block-gallery > figure"), "the gallery");
        AssertInARow(await BoxesAsync(page, ".wp-block-buttons > .wp-block-button"), "the buttons");
        var cover = await BoxAsync(page.Locator(".wp-block-cover"));
        Assert.InRange(cover.Width, 1260, 1280);
        AssertCoverHoldsItsText(cover, await BoxAsync(page.Locator(".wp-block-cover__image-background")), await BoxAsync(page.Locator(".wp-block-cover__inner-container p")));
        var floated = await BoxAsync(page.Locator(".wp-block-image.alignleft"));
        // The paragraph's box runs under the float; its first line of text starts beside it.
        var firstLine = await page.Locator(".wp-block-image.alignleft + p").EvaluateAsync<double>(
            "p => { const text = document.createRange(); text.selectNodeContents(p); return text.getClientRects()[0].left; }");
        Assert.True(firstLine >= floated.X + floated.Width, "text runs beside an image aligned left");
        Assert.Equal(240, await page.Locator(".wp-block-image.alignleft img").EvaluateAsync<int>("img => img.getBoundingClientRect().width"));
        await AssertPicturesLoadedAsync(page);
        await AssertNoInlineStyleAsync(page);
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("wordpress-blocks-1280.png"), FullPage = true });

        await using var phone = await app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var small = await phone.NewPageAsync();
        var phoneWatch = PageWatch.Start(small, app.BaseAddress);
        await OpenAsync(small, url);

        AssertStacked(await BoxesAsync(small, ".wp-block-columns > .wp-block-column"), "columns");
        AssertStacked(await BoxesAsync(small, ".wp-block-media-text > *"), "media and text");
        AssertStacked(await BoxesAsync(small, ".wp-block-buttons > .wp-block-button"), "the buttons");
        // Two pictures a row, as WordPress's gallery has on a phone: the third goes under the first.
        var gallery = await BoxesAsync(small, ".wp-block-gallery > figure");
        AssertInARow(gallery[..2], "the gallery's first row");
        Assert.True(gallery[2].Y >= gallery[0].Y + gallery[0].Height, "the gallery's third picture starts a second row");
        var phoneCover = await BoxAsync(small.Locator(".wp-block-cover"));
        Assert.InRange(phoneCover.Width, 380, 390);
        AssertCoverHoldsItsText(phoneCover, await BoxAsync(small.Locator(".wp-block-cover__image-background")), await BoxAsync(small.Locator(".wp-block-cover__inner-container p")));
        await LayoutAssert.NoSidewaysScrollingAsync(small, "the article of blocks");
        await small.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("wordpress-blocks-390.png"), FullPage = true });

        var problems = watch.Problems.Concat(phoneWatch.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task SoundVideoAndEmbedsLoadNothingFromElsewhereUntilTheReaderAsks()
    {
        var url = await app.ArrangeBlocksArticleAsync();
        await using var context = await app.NewContextAsync();
        // The old site's sound file, answered here: a second of silence.
        await context.RouteAsync(ArrangeWordPressBlocks.Uploads + "foghorn.mp3", route => route.FulfillAsync(new() { ContentType = "audio/wav", BodyBytes = Silence() }));
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await OpenAsync(page, url);

        var audio = page.Locator("figure.wp-block-audio audio");
        var video = page.Locator("figure.wp-block-video video");
        await Expect(audio).ToHaveAttributeAsync("controls", "");
        await Expect(audio).ToHaveAttributeAsync("preload", "none");
        await Expect(video).ToHaveAttributeAsync("preload", "none");
        Assert.False(await video.EvaluateAsync<bool>("v => v.autoplay"));
        var card = page.Locator("figure.embed-video").First;
        await Expect(card.Locator(".embed-title")).ToHaveTextAsync("The board's film of the plans");
        await Expect(card).ToContainTextAsync("Play the video");
        Assert.DoesNotContain(requested, r => !r.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal));

        // The reader presses play: the file comes from the old site's https address, which the CSP allows.
        var sound = page.WaitForRequestAsync(ArrangeWordPressBlocks.Uploads + "foghorn.mp3");
        await audio.ScrollIntoViewIfNeededAsync();
        await audio.EvaluateAsync("a => a.play()");
        await sound;
        await page.WaitForFunctionAsync("() => document.querySelector('figure.wp-block-audio audio').readyState >= 1");
        Assert.Empty(errors);

        // And clicks the video's card: only now the privacy-enhanced player.
        var player = page.WaitForRequestAsync(r => r.Url.StartsWith("https://www.youtube-nocookie.com/", StringComparison.Ordinal));
        await card.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(card.Locator("iframe")).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
        await Expect(card.Locator("iframe")).ToHaveAttributeAsync("title", "The board's film of the plans (YouTube video)");
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", (await player).Url);
        Assert.DoesNotContain(requested, r => r.Contains("launch.mp4", StringComparison.Ordinal) || r.Contains("vimeo", StringComparison.Ordinal));
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator("article h1")).ToHaveTextAsync("The quay in blocks");
    }

    private static async Task<LocatorBoundingBoxResult[]> BoxesAsync(IPage page, string selector)
    {
        var found = await page.Locator(selector).AllAsync();
        Assert.True(found.Count >= 2, $"{found.Count} elements match {selector}");
        return [.. await Task.WhenAll(found.Select(BoxAsync))];
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not shown.");

    /// <summary>Each box to the right of the one before, on the same line.</summary>
    private static void AssertInARow(LocatorBoundingBoxResult[] boxes, string what)
    {
        for (var i = 1; i < boxes.Length; i++)
        {
            Assert.True(boxes[i].X >= boxes[i - 1].X + boxes[i - 1].Width - 1, $"{what}: item {i + 1} is not beside item {i}");
            Assert.True(boxes[i].Y < boxes[i - 1].Y + boxes[i - 1].Height, $"{what}: item {i + 1} is not on item {i}'s line");
        }
    }

    /// <summary>Each box under the one before, as wide as it.</summary>
    private static void AssertStacked(LocatorBoundingBoxResult[] boxes, string what)
    {
        for (var i = 1; i < boxes.Length; i++)
        {
            Assert.True(boxes[i].Y >= boxes[i - 1].Y + boxes[i - 1].Height - 1, $"{what}: item {i + 1} is not under item {i}");
            Assert.True(Math.Abs(boxes[i].X - boxes[i - 1].X) < 2, $"{what}: item {i + 1} does not start where item {i} does");
        }
    }

    private static void AssertCoverHoldsItsText(LocatorBoundingBoxResult cover, LocatorBoundingBoxResult image, LocatorBoundingBoxResult text)
    {
        Assert.True(Math.Abs(image.X - cover.X) < 1 && Math.Abs(image.Width - cover.Width) < 1 && Math.Abs(image.Height - cover.Height) < 1, "the cover's picture fills it");
        Assert.True(text.X > cover.X && text.X + text.Width < cover.X + cover.Width && text.Y > cover.Y && text.Y + text.Height < cover.Y + cover.Height, "the cover's text is on its picture");
        Assert.True(cover.Height >= 400, $"the cover is {cover.Height}px high");
    }

    private static async Task AssertPicturesLoadedAsync(IPage page)
    {
        var broken = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.article-body img')].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)");
        Assert.Empty(broken);
    }

    private static async Task AssertNoInlineStyleAsync(IPage page) =>
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('[style]').length"));

    /// <summary>A second of silence as a WAV file: 8 kHz, 8-bit, mono.</summary>
    private static byte[] Silence()
    {
        const int samples = 8000;
        using var wav = new MemoryStream();
        using var writer = new BinaryWriter(wav);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(8000);
        writer.Write((short)1);
        writer.Write((short)8);
        writer.Write("data"u8);
        writer.Write(samples);
        writer.Write(Enumerable.Repeat((byte)128, samples).ToArray());
        writer.Flush();
        return wav.ToArray();
    }
}
