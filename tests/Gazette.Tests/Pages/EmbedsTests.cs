using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gazette.Infrastructure;
using Gazette.Tests.Features.Media;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Pages;

/// <summary>
/// A video or post address alone on its line becomes a card that loads nothing from the other site;
/// the editor's toolbar finds library pictures and takes pasted or dropped ones into the library.
/// </summary>
public sealed class EmbedsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task AVideoAddressOnItsOwnLineIsACardThatLoadsNothingAndOtherLinksStayLinks()
    {
        var article = await app.CreateArticleAsync(a => a.Body = """
            The regatta, filmed from the harbour wall:

            https://www.youtube.com/watch?v=dQw4w9WgXcQ

            https://vimeo.com/76979871

            https://x.com/harbourboard/status/1234567890

            A link inside a sentence stays one: https://www.youtube.com/watch?v=aaaaaaaaaaa is the old clip.

            https://evil.example.org/watch?v=dQw4w9WgXcQ
            """);

        var response = await app.CreateBrowser().GetAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative));
        var page = await response.ReadDocumentAsync();

        var cards = page.QuerySelectorAll("article .embed").ToList();
        Assert.Equal(3, cards.Count);
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", cards[0].GetAttribute("data-embed-src"));
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", cards[0].QuerySelector("a.embed-link")!.GetAttribute("href"));
        Assert.StartsWith("https://player.vimeo.com/video/76979871", cards[1].GetAttribute("data-embed-src"), StringComparison.Ordinal);
        // A post needs its site's scripts to show: its card is a link, with nothing to load.
        Assert.Null(cards[2].GetAttribute("data-embed-src"));
        Assert.Contains("View the post on X", cards[2].TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("iframe"));
        Assert.NotNull(page.QuerySelector("a[href='https://www.youtube.com/watch?v=aaaaaaaaaaa']"));
        Assert.NotNull(page.QuerySelector("p > a[href='https://evil.example.org/watch?v=dQw4w9WgXcQ']"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/embeds.js']"));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com;", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImportedEmbedKeptAsALinkBecomesTheSameCard()
    {
        // What the WordPress import makes of an [embed] or an embed block: the address as a link, alone in its paragraph.
        var article = await app.CreateArticleAsync(a => a.Body =
            "<p>From the archive:</p>\n<p><a href=\"https://youtu.be/dQw4w9WgXcQ\">https://youtu.be/dQw4w9WgXcQ</a></p>");

        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));

        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", page.QuerySelector("article .embed")!.GetAttribute("data-embed-src"));
    }

    [Fact]
    public async Task APictureDroppedIntoTheTextGoesToTheLibraryAndTheToolbarListsIt()
    {
        var reporter = app.CreateBrowser();
        await app.SignInAsync(reporter, StaffRoles.Author);
        var editor = await reporter.GetDocumentAsync("/admin/articles/edit");
        var form = editor.QuerySelector("#article-editor")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var picture = TestImages.File("quay-at-dusk", "jpg", 1200, 800);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(picture.Bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(picture.ContentType);
        content.Add(file, "file", picture.FileName);

        var uploaded = await reporter.PostAsync(new Uri(form.GetAttribute("data-upload-url")!, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var path = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("path").GetString()!;
        Assert.StartsWith("/media/", path, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        var library = JsonDocument.Parse(await reporter.GetStringAsync(new Uri(form.GetAttribute("data-library-url")!, UriKind.Relative))).RootElement;
        Assert.Contains(library.EnumerateArray(), p => p.GetProperty("path").GetString() == path);

        // Without the token, nothing is taken.
        using var forged = new MultipartFormDataContent();
        forged.Add(new ByteArrayContent(picture.Bytes), "file", picture.FileName);
        Assert.Equal(HttpStatusCode.BadRequest, (await reporter.PostAsync(new Uri(form.GetAttribute("data-upload-url")!, UriKind.Relative), forged)).StatusCode);
    }

    [Fact]
    public async Task AContributorGetsNoUploadFromTheToolbar()
    {
        var contributor = app.CreateBrowser();
        await app.SignInAsync(contributor, StaffRoles.Contributor);
        var form = (await contributor.GetDocumentAsync("/admin/articles/edit")).QuerySelector("#article-editor")!;

        Assert.True(string.IsNullOrEmpty(form.GetAttribute("data-upload-url")));
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync(new Uri("/admin/articles/edit?handler=Library", UriKind.Relative))).StatusCode);
    }
}
