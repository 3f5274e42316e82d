using System.IO.Compression;
using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// An Administrator moves a WordPress site in from the staff area: the export and a zip of its
/// uploads folder, a progress bar, the report; then a reader follows an old link to the article.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MovingASiteFromWordPress(BrowserApp app) : IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("gazette-wordpress-");

    [Fact]
    public async Task AnAdministratorImportsTheExportWithItsImagesAndOldLinksLandOnTheArticle()
    {
        var site = $"https://{app.Unique("quayside")}.example.org";
        var export = Path.Combine(_files.FullName, "quayside.xml");
        await File.WriteAllTextAsync(export, Export(site));
        var uploads = Path.Combine(_files.FullName, "uploads.zip");
        using (var zip = ZipFile.Open(uploads, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(RepositoryFiles.UploadImage, "uploads/2024/05/quay-cranes.jpg");
        }
        var admin = await app.CreateStaffAsync("Administrator");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = PageWatch.Start(page, app.BaseAddress);
        await new SignInPage(page).SignInAsync(admin.UserName, admin.Password);
        var import = new ImportPage(page);
        await import.OpenAsync();
        await AxeAssert.NoViolationsAsync(page, "the import page");

        await import.ExportFile.SetInputFilesAsync(export);
        await import.UploadsZip.SetInputFilesAsync(uploads);
        await import.ImportButton.ClickAsync();

        // The page refreshes itself while the import runs, then shows the report.
        await Expect(import.Outcome).ToHaveTextAsync("The import finished.", new() { Timeout = 60_000 });
        await Expect(import.ReportRow("posts").Locator("td").First).ToHaveTextAsync("1");
        await Expect(import.ReportRow("comments").Locator("td").First).ToHaveTextAsync("2");
        await Expect(import.ReportRow("attachments").Locator("td").First).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("wordpress-import-report.png"), FullPage = true });
        await AxeAssert.NoViolationsAsync(page, "the import report");

        // A reader with an old WordPress link lands on the article, image, credit and thread included.
        await using var readerContext = await app.NewContextAsync();
        var article = new ArticlePage(await readerContext.NewPageAsync());
        var readerWatch = PageWatch.Start(article.Page, app.BaseAddress);
        await article.Page.GotoAsync("/2024/05/14/cranes-come-down/");
        await Expect(article.Headline).ToHaveTextAsync("Cranes come down on the old quay");
        Assert.DoesNotContain("/2024/05/14/", article.Page.Url, StringComparison.Ordinal);
        await Expect(article.FeaturedImage).ToHaveAttributeAsync("alt", "Two cranes against a grey sky");
        Assert.True(await article.FeaturedImage.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The imported image did not load.");
        await Expect(article.ImageCredit).ToHaveTextAsync("Image source: Quayside Photo Desk");
        await Expect(article.Page.GetByText("Good riddance to the rust.")).ToBeVisibleAsync();
        await Expect(article.Page.GetByText("They were a landmark, though.")).ToBeVisibleAsync();

        var problems = watch.Problems.Concat(readerWatch.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    public void Dispose() => _files.Delete(recursive: true);

    /// <summary>A small WordPress 6 export: one post with its featured image and a two-comment thread.</summary>
    private static string Export(string site) => $"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
          xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
          <title>Quayside News</title>
          <link>{site}</link>
          <wp:wxr_version>1.2</wp:wxr_version>
          <wp:base_site_url>{site}</wp:base_site_url>
          <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mira]]></wp:author_login><wp:author_email><![CDATA[mira@quayside.example.org]]></wp:author_email><wp:author_display_name><![CDATA[Mira Holt]]></wp:author_display_name></wp:author>
          <item>
            <title><![CDATA[Cranes come down on the old quay]]></title>
            <link>{site}/2024/05/14/cranes-come-down/</link>
            <dc:creator><![CDATA[mira]]></dc:creator>
            <content:encoded><![CDATA[<!-- wp:paragraph --><p>The two cranes that stood over the old quay since 1962 came down this week.</p><!-- /wp:paragraph -->]]></content:encoded>
            <excerpt:encoded><![CDATA[]]></excerpt:encoded>
            <wp:post_id>70</wp:post_id>
            <wp:post_date><![CDATA[2024-05-14 10:00:00]]></wp:post_date>
            <wp:post_date_gmt><![CDATA[2024-05-14 08:00:00]]></wp:post_date_gmt>
            <wp:comment_status><![CDATA[open]]></wp:comment_status>
            <wp:post_name><![CDATA[cranes-come-down]]></wp:post_name>
            <wp:status><![CDATA[publish]]></wp:status>
            <wp:post_type><![CDATA[post]]></wp:post_type>
            <category domain="category" nicename="port"><![CDATA[Port]]></category>
            <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[71]]></wp:meta_value></wp:postmeta>
            <wp:comment>
              <wp:comment_id>500</wp:comment_id><wp:comment_author><![CDATA[Per]]></wp:comment_author><wp:comment_author_email><![CDATA[per@example.net]]></wp:comment_author_email>
              <wp:comment_date_gmt><![CDATA[2024-05-14 09:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Good riddance to the rust.]]></wp:comment_content>
              <wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent>
            </wp:comment>
            <wp:comment>
              <wp:comment_id>501</wp:comment_id><wp:comment_author><![CDATA[Ada]]></wp:comment_author><wp:comment_author_email><![CDATA[ada@example.net]]></wp:comment_author_email>
              <wp:comment_date_gmt><![CDATA[2024-05-14 09:30:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[They were a landmark, though.]]></wp:comment_content>
              <wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>500</wp:comment_parent>
            </wp:comment>
          </item>
          <item>
            <title><![CDATA[quay-cranes]]></title>
            <dc:creator><![CDATA[mira]]></dc:creator>
            <excerpt:encoded><![CDATA[The cranes in their last week.]]></excerpt:encoded>
            <wp:post_id>71</wp:post_id>
            <wp:post_date_gmt><![CDATA[2024-05-14 07:00:00]]></wp:post_date_gmt>
            <wp:status><![CDATA[inherit]]></wp:status>
            <wp:post_type><![CDATA[attachment]]></wp:post_type>
            <wp:attachment_url><![CDATA[{site}/wp-content/uploads/2024/05/quay-cranes.jpg]]></wp:attachment_url>
            <wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2024/05/quay-cranes.jpg]]></wp:meta_value></wp:postmeta>
            <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Two cranes against a grey sky]]></wp:meta_value></wp:postmeta>
            <wp:postmeta><wp:meta_key><![CDATA[_media_credit]]></wp:meta_key><wp:meta_value><![CDATA[Quayside Photo Desk]]></wp:meta_value></wp:postmeta>
          </item>
        </channel>
        </rss>
        """;
}
