using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Features.Media;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// An author's photo and profiles elsewhere, set on their account page, show under their articles
/// and on their author page (cached or not), served from the site at the sizes they are shown at.
/// </summary>
public abstract class AuthorProfileTests(GazetteApp app)
{
    [Fact]
    public async Task APhotoAndProfileLinksShowUnderTheArticlesAndOnTheAuthorPage()
    {
        var (author, slug, article) = await AuthorWithArticleAsync();
        await app.CreateBrowser().GetAsync(new Uri(article, UriKind.Relative));

        var saved = await SaveProfileAsync(author, "https://mastodon.social/@quayside\nhttps://www.linkedin.com/in/quayside",
            TestImages.File("portrait", "jpg", 900, 1200));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await app.CreateBrowser().GetDocumentAsync(article);
        var photo = page.QuerySelector(".author-box img.author-photo")!;
        var small = photo.GetAttribute("src")!;
        Assert.Matches("^/media/authors/.+-96\\.webp$", small);
        Assert.Contains(small.Replace("-96.webp", "-192.webp", StringComparison.Ordinal) + " 2x", photo.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal(("72", "72"), (photo.GetAttribute("width"), photo.GetAttribute("height")));
        foreach (var (address, side) in new[] { (small, 96), (small.Replace("-96.", "-192.", StringComparison.Ordinal), 192) })
        {
            var file = await app.CreateBrowser().GetAsync(new Uri(address, UriKind.Relative));
            Assert.Equal("image/webp", file.Content.Headers.ContentType?.MediaType);
            using var image = Image.Load(await file.Content.ReadAsByteArrayAsync());
            Assert.Equal((side, side), (image.Width, image.Height));
        }
        Assert.Equal(["mastodon.social https://mastodon.social/@quayside", "linkedin.com https://www.linkedin.com/in/quayside"], Links(page, ".author-box"));
        Assert.All(page.QuerySelectorAll(".author-box .profile-links a"), a => Assert.Contains("me", a.GetAttribute("rel")!.Split(' ')));

        var person = JsonDocument.Parse(page.QuerySelectorAll("script[type='application/ld+json']").First(s => s.TextContent.Contains("NewsArticle", StringComparison.Ordinal)).TextContent)
            .RootElement.GetProperty("author")[0];
        Assert.EndsWith("-192.webp", person.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, person.GetProperty("sameAs").GetArrayLength());

        var archive = await app.CreateBrowser().GetDocumentAsync("/author/" + slug);
        Assert.Equal(small, archive.QuerySelector(".archive-header img.author-photo")!.GetAttribute("src"));
        Assert.Equal(2, Links(archive, ".archive-header").Count);

        // Taken off again.
        var removed = await SaveProfileAsync(author, "", null, removePhoto: true);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        page = await app.CreateBrowser().GetDocumentAsync(article);
        Assert.Null(page.QuerySelector(".author-box img"));
        Assert.NotNull(page.QuerySelector(".author-box .avatar"));
        Assert.Empty(Links(page, ".author-box"));
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("http://plain.example.org/me")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public async Task ALinkThatIsNotAnHttpsAddressIsRefusedAndKeptInTheForm(string link)
    {
        var (author, _, _) = await AuthorWithArticleAsync();

        var response = await SaveProfileAsync(author, "https://ok.example.org/me\n" + link, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("is not an https address", page.TextOf("span[data-valmsg-for='Profile.ProfileLinks']"), StringComparison.Ordinal);
        Assert.Contains(link, ((IHtmlTextAreaElement)page.QuerySelector("textarea[name='Profile.ProfileLinks']")!).Value, StringComparison.Ordinal);
        var userName = await app.WithDbAsync(db => db.Users.Where(u => u.ProfileLinks != null && u.ProfileLinks.Contains("ok.example.org")).CountAsync());
        Assert.Equal(0, userName);
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsRefusedWithItsReason()
    {
        var (author, _, _) = await AuthorWithArticleAsync();

        var response = await SaveProfileAsync(author, "", new TestFile("portrait.jpg", "not an image at all"u8.ToArray(), "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadDocumentAsync()).TextOf("span[data-valmsg-for='Profile.Photo']"));
    }

    private async Task<(HttpClient Author, string Slug, string ArticleUrl)> AuthorWithArticleAsync()
    {
        var browser = app.CreateBrowser();
        var userName = await app.SignInAsync(browser, StaffRoles.Author);
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == userName));
        var article = await app.CreateArticleAsync(a => a.AuthorId = user.Id);
        return (browser, user.Slug, GazetteApp.UrlOf(article));
    }

    /// <summary>Posts the account form as the page shows it, with these links, photo and choice.</summary>
    private static async Task<HttpResponseMessage> SaveProfileAsync(HttpClient author, string links, TestFile? photo, bool removePhoto = false)
    {
        var page = await author.GetDocumentAsync("/admin/account");
        var form = page.QuerySelector("main form")!;
        var fields = FormFields.Of(form);
        fields["Profile.ProfileLinks"] = links;
        fields["Profile.RemovePhoto"] = removePhoto ? "true" : "false";
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(photo.ContentType);
            content.Add(file, "Profile.Photo", photo.FileName);
        }
        return await author.PostAsync(new Uri("/admin/account", UriKind.Relative), content);
    }

    private static List<string> Links(IHtmlDocument page, string within) =>
        page.QuerySelectorAll($"{within} .profile-links a").Select(a => $"{a.TextContent.Trim()} {a.GetAttribute("href")}").ToList();
}

public sealed class AuthorProfileOnSqlite(SqliteApp app) : AuthorProfileTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorProfileOnPostgreSql(PostgreSqlApp app) : AuthorProfileTests(app), IClassFixture<PostgreSqlApp>;
