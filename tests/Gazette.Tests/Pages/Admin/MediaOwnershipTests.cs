using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Features.Media;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

/// <summary>An Author's images are theirs to describe and delete; anyone who may open the library may use them.</summary>
public abstract class MediaOwnershipTests(GazetteApp app)
{
    [Fact]
    public async Task AnAuthorCannotDescribeNorDeleteAColleaguesImageButMayUseIt()
    {
        var owner = app.CreateBrowser();
        await app.SignInAsync(owner, StaffRoles.Author);
        var id = await UploadAsync(owner, "quay");
        Assert.Equal(HttpStatusCode.Redirect, (await DescribeAsync(owner, id, "Fishing boats at the quay")).StatusCode);
        var before = await LoadAsync(id);
        var url = $"/admin/media/{id}";

        var colleague = app.CreateBrowser();
        await app.SignInAsync(colleague, StaffRoles.Author);
        var page = await colleague.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form.media-form"));
        Assert.Null(page.QuerySelector("form.delete-form"));
        Assert.Equal("Fishing boats at the quay", page.TextOf(".media-description dd"));
        Assert.Equal($"/admin/articles/edit?media={id}", page.QuerySelector(".media-side .buttons a.button")!.GetAttribute("href"));

        var described = await DescribeAsync(colleague, id, "Vandalised");
        var tooLong = await DescribeAsync(colleague, id, new string('x', 600));
        var deleted = await colleague.PostFormAsync(url, url + "?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Forbidden, described.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        var after = await LoadAsync(id);
        Assert.Equal((before.AltText, before.Caption, before.Credit), (after.AltText, after.Caption, after.Credit));
        Assert.Equal(before.Variants.Count, after.Variants.Count);
        Assert.All(Files(before), file => Assert.True(File.Exists(file), $"{file} is gone"));

        // Using an image is not changing it: the colleague's article shows it with the owner's description.
        var title = "Boats " + app.Unique("quay");
        var saved = await colleague.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", new()
        {
            ["Form.Title"] = title,
            ["Form.Body"] = "The boats are in.",
            ["Form.FeaturedMediaId"] = id.ToString(CultureInfo.InvariantCulture),
            ["intent"] = "publish",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal((before.Path, "Fishing boats at the quay"), (article.FeaturedImageUrl, article.FeaturedImageAlt));
    }

    [Fact]
    public async Task AnAuthorDescribesAndDeletesTheirOwnImage()
    {
        var author = app.CreateBrowser();
        await app.SignInAsync(author, StaffRoles.Author);
        var id = await UploadAsync(author, "nets");
        var page = await author.GetDocumentAsync($"/admin/media/{id}");
        Assert.NotNull(page.QuerySelector("form.media-form"));
        Assert.NotNull(page.QuerySelector("form.delete-form"));

        await DescribesThenDeletesAsync(author, id);
    }

    [Fact]
    public async Task AnEditorDescribesAndDeletesAnyonesImage()
    {
        var author = app.CreateBrowser();
        await app.SignInAsync(author, StaffRoles.Author);
        var id = await UploadAsync(author, "gulls");
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);

        await DescribesThenDeletesAsync(editor, id);
    }

    private async Task DescribesThenDeletesAsync(HttpClient browser, int id)
    {
        var url = $"/admin/media/{id}";
        var described = await DescribeAsync(browser, id, "Described by " + app.Unique("staff"));
        Assert.Equal(HttpStatusCode.Redirect, described.StatusCode);
        var item = await LoadAsync(id);
        Assert.StartsWith("Described by ", item.AltText, StringComparison.Ordinal);

        var deleted = await browser.PostFormAsync(url, url + "?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.MediaItems.AnyAsync(m => m.Id == id)));
        Assert.All(Files(item), file => Assert.False(File.Exists(file), $"{file} is still there"));
    }

    private async Task<int> UploadAsync(HttpClient browser, string name) =>
        (await browser.UploadAsync(TestImages.File(app.Unique(name), "jpg", 1000, 500))).ItemId();

    private static Task<HttpResponseMessage> DescribeAsync(HttpClient browser, int id, string altText) =>
        browser.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}", new()
        {
            ["Form.AltText"] = altText,
            ["Form.Caption"] = "At first light.",
            ["Form.Credit"] = "Harbour Board",
        });

    private Task<MediaItem> LoadAsync(int id) =>
        app.WithDbAsync(db => db.MediaItems.AsNoTracking().Include(m => m.Variants).SingleAsync(m => m.Id == id));

    private List<string> Files(MediaItem item) => item.Variants.Select(v => v.Path).Append(item.Path).Select(app.FileOf).ToList();
}

public sealed class MediaOwnershipOnSqlite(SqliteApp app) : MediaOwnershipTests(app), IClassFixture<SqliteApp>;

public sealed class MediaOwnershipOnPostgreSql(PostgreSqlApp app) : MediaOwnershipTests(app), IClassFixture<PostgreSqlApp>;
