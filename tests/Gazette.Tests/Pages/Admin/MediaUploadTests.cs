using System.Net;
using System.Security.Cryptography;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Features.Media;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// What the library does with an uploaded file: the image work does not depend on the database,
/// so these run on SQLite only; <see cref="MediaLibraryTests"/> covers both providers.
/// </summary>
public sealed class MediaUploadTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly int[] Widths = [480, 960, 1600];

    [Theory]
    [InlineData("jpg", new[] { "image/jpeg", "image/webp" })]
    [InlineData("png", new[] { "image/png", "image/webp" })]
    [InlineData("webp", new[] { "image/webp" })]
    [InlineData("gif", new[] { "image/gif" })]
    public async Task StoresEachFormatWithFingerprintedVariantsAtEveryWidthBelowItsOwn(string extension, string[] variantTypes)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var file = TestImages.File(app.Unique("quay"), extension, width: 1650, height: 600, frames: extension == "gif" ? 2 : 1);

        var response = await browser.UploadAsync(file);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await app.WithDbAsync(db => db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.Id == response.ItemId()));
        Assert.Equal(file.FileName, item.OriginalFileName);
        Assert.Equal(TestImages.ContentType(extension), item.ContentType);
        Assert.Equal((1650, 600), (item.Width, item.Height));
        Assert.Matches($@"^/media/\d{{4}}/\d{{2}}/quay-[0-9]+-[0-9a-f]{{6}}-[0-9a-f]{{10}}\.{extension}$", item.Path);
        Assert.Equal(
            variantTypes.SelectMany(type => Widths.Select(width => (type, width))).Order(),
            item.Variants.Select(v => (v.ContentType, v.Width)).Order());

        foreach (var (address, contentType, width, bytes) in item.Variants.Select(v => (v.Path, v.ContentType, v.Width, v.Bytes))
            .Append((item.Path, item.ContentType, item.Width, item.Bytes)))
        {
            var served = await browser.GetAsync(new Uri(address, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(contentType, served.Content.Headers.ContentType!.MediaType);
            Assert.Equal("public,max-age=31536000,immutable", served.Headers.CacheControl!.ToString().Replace(" ", "", StringComparison.Ordinal));
            var content = await served.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes, content.Length);
            Assert.EndsWith($"-{Convert.ToHexStringLower(SHA256.HashData(content))[..10]}.{address.Split('.')[^1]}", address, StringComparison.Ordinal);
            using var image = Image.Load(content);
            Assert.Equal(width, image.Width);
            Assert.Equal(extension == "gif" ? 2 : 1, image.Frames.Count);
        }
    }

    [Fact]
    public async Task MakesNoCopyLargerThanTheOriginal()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);

        var response = await browser.UploadAsync(TestImages.File(app.Unique("small"), "jpg", width: 700, height: 400));

        var item = await app.WithDbAsync(db => db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.Id == response.ItemId()));
        Assert.Equal([("image/jpeg", 480), ("image/webp", 480), ("image/webp", 700)], item.Variants.Select(v => (v.ContentType, v.Width)).Order());
    }

    [Fact]
    public async Task TurnsAPhotoTakenSidewaysTheRightWayUpBeforeDroppingItsExif()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        // Stored 300 × 100 with orientation 6: the camera was held upright, so readers should see 100 × 300.
        var file = TestImages.File(app.Unique("tower"), "jpg", 300, 100, decorate: image =>
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        });

        var response = await browser.UploadAsync(file);

        var item = await app.WithDbAsync(db => db.MediaItems.SingleAsync(m => m.Id == response.ItemId()));
        Assert.Equal((100, 300), (item.Width, item.Height));
        using var stored = await Image.LoadAsync(app.FileOf(item.Path));
        Assert.Equal((100, 300), (stored.Width, stored.Height));
        Assert.Null(stored.Metadata.ExifProfile);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("gif")]
    public async Task LeavesNoLocationOrCameraDetailsInAnyStoredFile(string extension)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var file = TestImages.File(app.Unique("where"), extension, decorate: TestImages.WithPrivateMetadata);
        if (extension != "gif")
        {
            using var uploaded = Image.Load(file.Bytes);
            Assert.Contains(uploaded.Metadata.ExifProfile!.Values, v => v.Tag == ExifTag.GPSLatitude);
        }
        Assert.Contains(TestImages.PrivateMarkers, marker => Contains(file.Bytes, marker));

        var response = await browser.UploadAsync(file);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await app.WithDbAsync(db => db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.Id == response.ItemId()));
        var stored = item.Variants.Select(v => v.Path).Append(item.Path).Select(app.FileOf).ToList();
        Assert.True(stored.Count > 1);
        foreach (var path in stored)
        {
            var bytes = await File.ReadAllBytesAsync(path);
            using var image = Image.Load(bytes);
            Assert.Null(image.Metadata.ExifProfile);
            Assert.Null(image.Metadata.XmpProfile);
            Assert.Null(image.Metadata.IptcProfile);
            Assert.All(image.Frames, frame => Assert.Null(frame.Metadata.ExifProfile));
            Assert.Empty(image.Metadata.GetPngMetadata().TextData);
            Assert.Empty(image.Metadata.GetGifMetadata().Comments);
            foreach (var marker in TestImages.PrivateMarkers.Append("Exif\0"))
            {
                Assert.False(Contains(bytes, marker), $"{Path.GetFileName(path)} still holds \"{marker}\"");
            }
        }
    }

    [Fact]
    public async Task RefusesATextFileNamedLikeAnImageAndStoresNothing()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var before = await CountAsync();

        var response = await browser.UploadAsync(new TestFile("holiday.jpg", "Dear diary, today I went to the harbour."u8.ToArray(), "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("\"holiday.jpg\" is not a JPEG, PNG, GIF or WebP image.", page.TextOf(".form-errors li"));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("gif")]
    public async Task RefusesAnImageCutShortAndStoresNothing(string extension)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var whole = TestImages.Draw(extension, 400, 300);
        var before = await CountAsync();

        var response = await browser.UploadAsync(new TestFile("cut." + extension, whole[..(whole.Length * 2 / 3)], TestImages.ContentType(extension)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.StartsWith($"\"cut.{extension}\" is incomplete", page.TextOf(".form-errors li"), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task RefusesAFileOverTheSizeLimitAndStoresNothing()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        // A real JPEG, made heavy by what follows its end: the size is refused before anything is decoded.
        var heavy = TestImages.Draw("jpg", 200, 100).Concat(new byte[11 * 1024 * 1024]).ToArray();
        var before = await CountAsync();

        var response = await browser.UploadAsync(new TestFile("huge.jpg", heavy, "image/jpeg"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("\"huge.jpg\" is 11 MB; an image may be at most 10 MB.", page.TextOf(".form-errors li"));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData(100_000, 100_000, "10000")]
    [InlineData(8000, 7500, "60")]
    public async Task RefusesAPngClaimingMorePixelsThanTheLimitFromItsHeaderAlone(int width, int height, string megapixels)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        // A few dozen bytes that would decode to gigabytes: refused before anything is allocated,
        // or the message would be another (decoding it fails for want of memory, or for want of data).
        var bomb = CraftedImages.PngClaiming(width, height);
        Assert.True(bomb.Length < 200);
        var before = await CountAsync();

        var response = await browser.UploadAsync(new TestFile("bomb.png", bomb, "image/png"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(
            $"\"bomb.png\" is {width} × {height} pixels ({megapixels} megapixels); an image may have at most 50 megapixels. Scale it down and upload it again.",
            page.TextOf(".form-errors li"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task RefusesAGifWithAFrameLargerThanTheLimitThoughItsScreenIsSmall()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var before = await CountAsync();

        var response = await browser.UploadAsync(new TestFile("sly.gif", CraftedImages.GifWithAFrameOf(10_000, 10_000), "image/gif"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(
            "\"sly.gif\" has a frame of 10000 × 10000 pixels (100 megapixels); an image may have at most 50 megapixels. Scale it down and upload it again.",
            page.TextOf(".form-errors li"));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task KeepsAnAnimatedWebpMovingWithoutItsMetadataAndMakesStillCopiesOfItsFirstFrame(bool lossy)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var red = new Rgba32(220, 20, 30);
        CraftedImages.Frame[] frames = [new(red), new(new Rgba32(20, 40, 220), X: 100, Y: 50, Width: 200, Height: 100)];
        var upload = CraftedImages.AnimatedWebp(1000, 400, frames, lossy, exif: true);
        Assert.Throws<NotSupportedException>(() => Image.Identify(upload));

        var response = await browser.UploadAsync(new TestFile(app.Unique("waves") + ".webp", upload, "image/webp"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await app.WithDbAsync(db => db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.Id == response.ItemId()));
        Assert.Equal(("image/webp", 1000, 400), (item.ContentType, item.Width, item.Height));
        // Served as it came, frames and all, less its EXIF.
        var served = await browser.GetAsync(new Uri(item.Path, UriKind.Relative));
        Assert.Equal("image/webp", served.Content.Headers.ContentType!.MediaType);
        var original = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(CraftedImages.AnimatedWebp(1000, 400, frames, lossy), original);
        Assert.False(Contains(original, CraftedImages.ExifMarker));
        // The copies are stills of the first frame, in PNG, at the widths below the original's.
        Assert.Equal([("image/png", 480), ("image/png", 960)], item.Variants.Select(v => (v.ContentType, v.Width)).Order());
        foreach (var variant in item.Variants)
        {
            using var still = Image.Load<Rgba32>(await browser.GetByteArrayAsync(new Uri(variant.Path, UriKind.Relative)));
            Assert.Equal(1, still.Frames.Count);
            // Where the second frame would be drawn, the first frame's colour.
            var pixel = still[still.Width / 5, still.Height / 4];
            Assert.True(Math.Abs(pixel.R - red.R) < 8 && Math.Abs(pixel.B - red.B) < 8, $"{variant.Width}w: {pixel}");
        }
        // Readers are offered the moving original only, never a still copy.
        var article = await app.CreateArticleAsync(a => (a.FeaturedImageUrl, a.FeaturedImageAlt) = (item.Path, "Waves"));
        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));
        Assert.Null(page.QuerySelector("figure.featured-image picture source"));
        Assert.Equal($"{item.Path} 1000w", page.QuerySelector("figure.featured-image picture img")!.GetAttribute("srcset"));
    }

    [Fact]
    public async Task RefusesAnAnimatedWebpWhoseFramesAreNotTheSizeTheyClaimAndStoresNothing()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        // Each frame's image is 300 × 200, its place in the animation 30 × 20: decoding it would write past its room.
        var lying = CraftedImages.AnimatedWebp(300, 200, [new(new Rgba32(0, 0, 0)), new(new Rgba32(255, 255, 255))], claimedSize: (30, 20));
        var before = await CountAsync();

        var response = await browser.UploadAsync(new TestFile("lying.webp", lying, "image/webp"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("\"lying.webp\" looks like a Webp image but is damaged and cannot be read.", page.TextOf(".form-errors li"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task StoresTheGoodFilesOfAMixedUploadAndNamesTheRefusedOne()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var good = TestImages.File(app.Unique("good"), "png", width: 300, height: 200);

        var response = await browser.UploadAsync(good, new TestFile("bad.png", "not a png"u8.ToArray(), "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("\"bad.png\" is not a JPEG, PNG, GIF or WebP image.", page.TextOf(".form-errors li"));
        Assert.Equal(good.FileName, page.TextOf(".stored-file"));
        Assert.True(await app.WithDbAsync(db => db.MediaItems.AnyAsync(m => m.OriginalFileName == good.FileName)));
    }

    [Fact]
    public async Task AddsSeveralImagesAtOnce()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var files = new[] { TestImages.File(app.Unique("one"), "jpg", 300, 200), TestImages.File(app.Unique("two"), "gif", 300, 200) };

        var response = await browser.UploadAsync(files);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var library = await browser.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("2 images added.", library.TextOf(".notice.success"));
        Assert.Equal(files.Select(f => f.FileName).Reverse(), library.QuerySelectorAll(".media-card .media-name").Take(2).Select(n => n.TextContent));
    }

    private Task<(int Items, int Files)> CountAsync() =>
        app.WithDbAsync(async db => (await db.MediaItems.CountAsync(), app.StoredFiles().Count));

    private static bool Contains(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(text)) >= 0;
}
