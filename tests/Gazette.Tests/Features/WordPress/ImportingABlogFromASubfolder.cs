using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// A blog that lived under a path of its host (<c>https://quay.example.com/news</c>): every old
/// address, with that path, lands on the new one; so do an earlier slug and an attachment's page.
/// </summary>
public abstract class ImportingABlogFromASubfolder(GazetteApp app) : IAsyncLifetime
{
    private const string Quay = "quay-subfolder-wxr-1.2.xml";

    public async Task InitializeAsync()
    {
        var report = await app.ImportAsync(Quay);
        Assert.True(report.Succeeded, report.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/news/?p=10", "/2022/03/moorings-renumbered")]
    [InlineData("/news/2022/03/01/moorings-renumbered/", "/2022/03/moorings-renumbered")]
    [InlineData("/news/2022/03/moorings-renumbered/", "/2022/03/moorings-renumbered")]
    [InlineData("/news/moorings-renumbered/", "/2022/03/moorings-renumbered")]
    [InlineData("/news/2022/03/01/new-mooring-numbers/", "/2022/03/moorings-renumbered")]
    [InlineData("/news/new-mooring-numbers/", "/2022/03/moorings-renumbered")]
    [InlineData("/news/2022/03/01/moorings-renumbered/east-quay/", "/2022/03/moorings-renumbered")]
    [InlineData("/news/?attachment_id=11", "/2022/03/moorings-renumbered")]
    [InlineData("/news/category/moorings/", "/category/moorings")]
    [InlineData("/news/author/tove/", "/author/tove")]
    [InlineData("/news/feed/", "/feed")]
    public async Task OldAddressesUnderTheBlogsPathAnswer301(string old, string expected)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(old, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task APingbacksAuthorIsDecodedOnceAndAPlaceholderEmailIsDropped()
    {
        var article = await app.ArticleAsync("moorings-renumbered");
        var comments = await app.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == article.Id).OrderBy(c => c.CreatedAt).ToListAsync());

        Assert.Equal("Harbour Log « Berth lists ’22", comments[0].AuthorName);
        Assert.Equal(CommentKind.Pingback, comments[0].Kind);
        Assert.Equal("", comments[1].AuthorEmail);
        var page = await app.CreateBrowser().GetStringAsync(GazetteApp.UrlOf(article));
        Assert.Contains("Harbour Log « Berth lists ’22", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;laquo;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoBlogsHostedOnWordPressComAreKeptApart()
    {
        // WordPress.com writes the same base_site_url for every blog: the blog's own link tells them apart.
        var text = await File.ReadAllTextAsync(WordPressFixtures.PathOf(WordPressFixtures.Beacon));
        var folder = Directory.CreateTempSubdirectory("wxr-").FullName;
        var first = Path.Combine(folder, "first.xml");
        var second = Path.Combine(folder, "second.xml");
        await File.WriteAllTextAsync(first, OnWordPressCom(text, "https://first-beacon.wordpress.com"));
        await File.WriteAllTextAsync(second, OnWordPressCom(text, "https://second-beacon.wordpress.com"));

        var one = await app.ImportAsync(first);
        var two = await app.ImportAsync(second);

        Assert.Equal(1, one.ByKind["posts"].Imported);
        Assert.Equal(1, two.ByKind["posts"].Imported);
        Assert.DoesNotContain(two.Skips, s => s.Contains("already imported", StringComparison.Ordinal));
    }

    private static string OnWordPressCom(string export, string blog) => export
        .Replace("<wp:base_site_url>https://beacon.example.net</wp:base_site_url>", "<wp:base_site_url>http://wordpress.com/</wp:base_site_url>", StringComparison.Ordinal)
        .Replace("https://beacon.example.net", blog, StringComparison.Ordinal);
}

public sealed class ImportingABlogFromASubfolderOnSqlite(SqliteApp app) : ImportingABlogFromASubfolder(app), IClassFixture<SqliteApp>;

public sealed class ImportingABlogFromASubfolderOnPostgreSql(PostgreSqlApp app) : ImportingABlogFromASubfolder(app), IClassFixture<PostgreSqlApp>;
