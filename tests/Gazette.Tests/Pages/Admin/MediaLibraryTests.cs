using System.Net;
using Gazette.Data;
using Gazette.Features.Media;
using Gazette.Infrastructure;
using Gazette.Tests.Features.Media;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp.Processing;

namespace Gazette.Tests.Pages.Admin;

public abstract class MediaLibraryTests(GazetteApp app)
{
    [Fact]
    public async Task APickedLibraryImageBringsItsDescriptionAndReadersGetItsSizes()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var id = (await browser.UploadAsync(TestImages.File(app.Unique("ferry"), "jpg", 1650, 600))).ItemId();
        var described = await browser.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}", new()
        {
            ["Form.AltText"] = "The night ferry at the outer quay",
            ["Form.Caption"] = "Boarding starts at ten.",
            ["Form.Credit"] = "Harbour Board",
        });
        Assert.Equal(HttpStatusCode.Redirect, described.StatusCode);

        // Coming back from the library's picker, the editor shows the image chosen and its description.
        var editor = await browser.GetDocumentAsync($"/admin/articles/edit?media={id}");
        var item = await app.WithDbAsync(db => db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.Id == id));
        Assert.Equal(item.Path, editor.QuerySelector("input[name='Form.FeaturedImageUrl']")!.GetAttribute("value"));
        Assert.Equal("The night ferry at the outer quay", editor.QuerySelector("input[name='Form.FeaturedImageAlt']")!.GetAttribute("value"));
        Assert.NotNull(editor.QuerySelector($"input[name='Form.FeaturedMediaId'][value='{id}'][checked]"));

        // Picked from the editor's own list, with a caption typed for this article: what was typed wins.
        var title = "Night ferry " + app.Unique("returns");
        var saved = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", new()
        {
            ["Form.Title"] = title,
            ["Form.Body"] = "The ferry is back.",
            ["Form.FeaturedMediaId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.FeaturedImageCaption"] = "The first crossing, on Monday.",
            ["intent"] = "publish",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(item.Path, article.FeaturedImageUrl);
        Assert.Equal("The night ferry at the outer quay", article.FeaturedImageAlt);
        Assert.Equal("The first crossing, on Monday.", article.FeaturedImageCaption);
        Assert.Equal("Harbour Board", article.FeaturedImageCredit);

        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));
        var webp = page.QuerySelector("figure.featured-image picture source[type='image/webp']")!;
        Assert.Equal(
            string.Join(", ", item.Variants.Where(v => v.ContentType == "image/webp").OrderBy(v => v.Width).Select(v => $"{v.Path} {v.Width}w")),
            webp.GetAttribute("srcset"));
        var img = page.QuerySelector("figure.featured-image picture img")!;
        Assert.Equal(
            string.Join(", ", item.Variants.Where(v => v.ContentType == "image/jpeg").OrderBy(v => v.Width).Select(v => $"{v.Path} {v.Width}w")),
            img.GetAttribute("srcset"));
        Assert.Equal(webp.GetAttribute("sizes"), img.GetAttribute("sizes"));
        Assert.Contains("42rem", img.GetAttribute("sizes"), StringComparison.Ordinal);
        Assert.Equal(("1650", "600"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("The night ferry at the outer quay", img.GetAttribute("alt"));
        Assert.Equal("Image source: Harbour Board", page.TextOf(".featured-image .credit"));

        // On the home page's card, the same sizes, starting from the smallest: never the 1,650 px original at a card's width.
        var home = await app.CreateBrowser().GetDocumentAsync("/");
        var card = home.QuerySelectorAll(".article-card").Single(c => c.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Equal(webp.GetAttribute("srcset"), card.QuerySelector("picture source[type='image/webp']")!.GetAttribute("srcset"));
        var cardImage = card.QuerySelector("picture img")!;
        Assert.Equal(img.GetAttribute("srcset"), cardImage.GetAttribute("srcset"));
        Assert.Equal(item.Variants.Where(v => v.ContentType == "image/jpeg").MinBy(v => v.Width)!.Path, cardImage.GetAttribute("src"));
        Assert.Contains(cardImage.GetAttribute("sizes"), new[] { ResponsiveImage.LeadSizes, ResponsiveImage.GridSizes, ResponsiveImage.CardSizes });
        Assert.Equal(("1650", "600"), (cardImage.GetAttribute("width"), cardImage.GetAttribute("height")));
    }

    [Fact]
    public async Task PickingAnotherImageReplacesTheDescriptionTheFormerOneBroughtAndKeepsWhatWasTyped()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var (former, picked) = await app.WithDbAsync(async db =>
        {
            MediaItem Item(string name, string alt, string? credit) => new()
            {
                OriginalFileName = name + ".jpg", Path = $"/media/test/{name}.jpg", ContentType = "image/jpeg",
                Width = 800, Height = 600, Bytes = 1000, UploadedAt = DateTime.UtcNow, AltText = alt, Credit = credit,
            };
            var items = (Item(app.Unique("gulls"), "Gulls over the quay", "Old Agency"), Item(app.Unique("nets"), "Nets drying on the pier", null));
            db.MediaItems.AddRange(items.Item1, items.Item2);
            await db.SaveChangesAsync();
            return items;
        });
        var article = await app.CreateArticleAsync(a =>
        {
            a.FeaturedImageUrl = former.Path;
            a.FeaturedImageAlt = former.AltText;
            a.FeaturedImageCredit = former.Credit;
            a.FeaturedImageCaption = "Written for this story.";
        });
        var url = $"/admin/articles/edit/{article.Id}";

        var saved = await browser.PostFormAsync(url, url, new()
        {
            ["Form.Title"] = article.Title,
            ["Form.Body"] = article.Body,
            ["Form.FeaturedImageUrl"] = former.Path,
            ["Form.FeaturedImageAlt"] = former.AltText!,
            ["Form.FeaturedImageCaption"] = "Written for this story.",
            ["Form.FeaturedImageCredit"] = former.Credit!,
            ["Form.FeaturedMediaId"] = picked.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["intent"] = "publish",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == article.Id));
        Assert.Equal(
            (picked.Path, "Nets drying on the pier", "Written for this story.", (string?)null),
            (stored.FeaturedImageUrl, stored.FeaturedImageAlt, stored.FeaturedImageCaption, stored.FeaturedImageCredit));
        await app.WithDbAsync(db => db.MediaItems.Where(m => m.Id == former.Id || m.Id == picked.Id).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task AnImageFromElsewhereStaysAPlainImage()
    {
        var article = await app.CreateArticleAsync(a => a.FeaturedImageUrl = "https://images.example.org/wall.jpg");

        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));

        Assert.Null(page.QuerySelector("figure.featured-image picture"));
        Assert.Null(page.QuerySelector("figure.featured-image img")!.GetAttribute("srcset"));
    }

    [Fact]
    public async Task AnImageUploadedInTheEditorJoinsTheLibraryWithItsDescription()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);
        var title = "Pictured " + app.Unique("regatta");
        var editor = await browser.GetDocumentAsync("/admin/articles/edit");
        var file = TestImages.File(app.Unique("regatta"), "png", 1000, 500);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(editor.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(title), "Form.Title" },
            { new StringContent("Sails everywhere."), "Form.Body" },
            { new StringContent("Sailboats rounding the buoy"), "Form.FeaturedImageAlt" },
            { new StringContent("Regatta club"), "Form.FeaturedImageCredit" },
            { new StringContent("publish"), "intent" },
            { new ByteArrayContent(file.Bytes), "FeaturedImage", file.FileName },
        };

        var response = await browser.PostAsync(new Uri("/admin/articles/edit", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        var item = await app.WithDbAsync(db => db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.Path == article.FeaturedImageUrl));
        Assert.Equal(file.FileName, item.OriginalFileName);
        Assert.Equal(("Sailboats rounding the buoy", "Regatta club"), (item.AltText, item.Credit));
        Assert.Equal(5, item.Variants.Count);
        Assert.NotNull((await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article))).QuerySelector("figure.featured-image picture"));
    }

    [Fact]
    public async Task RefusesToDeleteAnImageAnArticleShowsAndOtherwiseDeletesEveryFile()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var id = (await browser.UploadAsync(TestImages.File(app.Unique("pier"), "jpg", 1000, 500))).ItemId();
        var item = await app.WithDbAsync(db => db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.Id == id));
        var files = item.Variants.Select(v => v.Path).Append(item.Path).Select(app.FileOf).ToList();
        var article = await app.CreateArticleAsync(a => a.FeaturedImageUrl = item.Path);

        var refused = await browser.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("cannot be deleted while an article shows it", page.TextOf(".notice.error"), StringComparison.Ordinal);
        Assert.Equal(article.Title, page.TextOf(".notice.error .media-uses a"));
        Assert.Equal($"/admin/articles/edit/{article.Id}", page.QuerySelector(".notice.error .media-uses a")!.GetAttribute("href"));
        Assert.All(files, file => Assert.True(File.Exists(file)));

        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FeaturedImageUrl, (string?)null)));
        var deleted = await browser.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.MediaItems.AnyAsync(m => m.Id == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<MediaVariant>().CountAsync(v => v.MediaItemId == id)));
        Assert.All(files, file => Assert.False(File.Exists(file), $"{file} is still there"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri(item.Path, UriKind.Relative))).StatusCode);
        var library = await browser.GetDocumentAsync(deleted.Headers.Location!.OriginalString);
        Assert.Contains($"“{item.OriginalFileName}” was deleted", library.TextOf(".notice.success"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowsesNewestFirstByPagesAndFindsImagesByNameAltTextOrCaption()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var marker = app.Unique("lighthouse");
        await app.WithDbAsync(async db =>
        {
            var start = DateTime.UtcNow.AddYears(5);
            for (var i = 0; i < 26; i++)
            {
                db.MediaItems.Add(new MediaItem
                {
                    OriginalFileName = $"{marker}-{i:00}.jpg", Path = $"/media/test/{marker}-{i:00}.jpg", ContentType = "image/jpeg",
                    Width = 800, Height = 600, Bytes = 1000, UploadedAt = start.AddMinutes(i),
                    AltText = i == 3 ? "A keeper on the GALLERY " + marker : null,
                    Caption = i == 4 ? "Painted in " + marker + " red" : null,
                });
            }
            await db.SaveChangesAsync();
        });

        var first = await browser.GetDocumentAsync("/admin/media");
        var names = first.QuerySelectorAll(".media-card .media-name").Select(n => n.TextContent).ToList();
        Assert.Equal(24, names.Count);
        Assert.Equal($"{marker}-25.jpg", names[0]);
        Assert.Equal($"{marker}-02.jpg", names[23]);
        var second = await browser.GetDocumentAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal($"{marker}-01.jpg", second.QuerySelectorAll(".media-card .media-name")[0].TextContent);

        var byAlt = await browser.GetDocumentAsync("/admin/media?q=gallery+" + marker);
        Assert.Equal([$"{marker}-03.jpg"], byAlt.QuerySelectorAll(".media-card .media-name").Select(n => n.TextContent));
        var byName = await browser.GetDocumentAsync($"/admin/media?q={marker}-1");
        Assert.Equal(10, byName.QuerySelectorAll(".media-card").Length);
        var byCaption = await browser.GetDocumentAsync($"/admin/media?q=in+{marker}+RED");
        Assert.Equal([$"{marker}-04.jpg"], byCaption.QuerySelectorAll(".media-card .media-name").Select(n => n.TextContent));

        await app.WithDbAsync(db => db.MediaItems.Where(m => m.OriginalFileName.StartsWith(marker)).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task ContributorsMayNotOpenTheLibraryNorUpload()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Contributor);
        var editor = await browser.GetDocumentAsync("/admin/articles/edit");
        Assert.Null(editor.QuerySelector(".admin-nav a[href='/admin/media']"));
        Assert.Null(editor.QuerySelector("input[name=FeaturedImage]"));
        Assert.Null(editor.QuerySelector(".media-picker"));
        var before = await app.WithDbAsync(db => db.MediaItems.CountAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(new Uri("/admin/media", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(new Uri("/admin/media/1", UriKind.Relative))).StatusCode);
        var file = TestImages.File("sneaky", "png", 100, 100);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(editor.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(file.Bytes), "Files", file.FileName },
        };
        var upload = await browser.PostAsync(new Uri("/admin/media", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.MediaItems.CountAsync()));

        var author = app.CreateBrowser();
        await app.SignInAsync(author, StaffRoles.Author);
        var library = await author.GetDocumentAsync("/admin/media");
        Assert.NotNull(library.QuerySelector(".admin-nav a[href='/admin/media']"));
    }
}

public sealed class MediaLibraryOnSqlite(SqliteApp app) : MediaLibraryTests(app), IClassFixture<SqliteApp>;

public sealed class MediaLibraryOnPostgreSql(PostgreSqlApp app) : MediaLibraryTests(app), IClassFixture<PostgreSqlApp>;

/// <summary>An app that takes at most two images of 1 MB and 1 megapixel per upload, so a request over the limits stays small.</summary>
public sealed class TightUploadLimitsApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:Media:MaxUploadMegabytes", "1");
        builder.UseSetting("Gazette:Media:MaxFilesPerUpload", "2");
        builder.UseSetting("Gazette:Media:MaxMegapixels", "1");
    }
}

public sealed class MediaUploadLimitTests(TightUploadLimitsApp app) : IClassFixture<TightUploadLimitsApp>
{
    [Fact]
    public async Task ARequestOverTheLimitGetsAFriendlyPageAndStoresNothing()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var padding = new byte[900 * 1024];
        var files = Enumerable.Range(0, 4)
            .Select(i => new TestFile($"big-{i}.jpg", [.. TestImages.Draw("jpg", 100, 100), .. padding], "image/jpeg")).ToArray();
        // The demo's picture, which the first run put in the library, is all there is.
        var (itemsBefore, filesBefore) = (await app.WithDbAsync(db => db.MediaItems.CountAsync()), app.StoredFiles());

        var response = await browser.UploadAsync(files);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("That upload is too large", page.TextOf("h1"));
        Assert.Contains("at most 1 MB", page.TextOf(".error-page p"), StringComparison.Ordinal);
        Assert.Equal(filesBefore, app.StoredFiles());
        Assert.Equal(itemsBefore, await app.WithDbAsync(db => db.MediaItems.CountAsync()));
    }

    [Fact]
    public async Task AnImageOverThePixelLimitIsRefusedWith413AndNothingIsStored()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        // Black all over, so that the file stays far below 1 MB.
        var wide = TestImages.File("wide", "png", 1250, 1000, decorate: image => image.Mutate(x => x.Brightness(0)));
        var before = await app.WithDbAsync(db => db.MediaItems.CountAsync());
        var filesBefore = app.StoredFiles();

        var response = await browser.UploadAsync(wide);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(
            "\"wide.png\" is 1250 × 1000 pixels (1.3 megapixels); an image may have at most 1 megapixel. Scale it down and upload it again.",
            page.TextOf(".form-errors li"));
        Assert.Equal(before, await app.WithDbAsync(db => db.MediaItems.CountAsync()));
        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task AnAnimationIsMeasuredByAllItsFrames()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var before = await app.WithDbAsync(db => db.MediaItems.CountAsync());

        var response = await browser.UploadAsync(TestImages.File("flicker", "gif", 600, 600, frames: 3));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(
            "\"flicker.gif\" is 600 × 600 pixels in 3 frames (1.1 megapixels in all); an image may have at most 1 megapixel, counting every frame. Scale it down and upload it again.",
            page.TextOf(".form-errors li"));
        Assert.Equal(before, await app.WithDbAsync(db => db.MediaItems.CountAsync()));
    }

    [Fact]
    public async Task TooManyFilesAreRefusedTogether()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Author);
        var files = Enumerable.Range(0, 3).Select(i => TestImages.File($"few-{i}", "png", 50, 50)).ToArray();
        var before = await app.WithDbAsync(db => db.MediaItems.CountAsync());

        var response = await browser.UploadAsync(files);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Upload at most 2 images at a time; you chose 3. Nothing was stored.", page.TextOf(".form-errors li"));
        Assert.Equal(before, await app.WithDbAsync(db => db.MediaItems.CountAsync()));
    }
}
