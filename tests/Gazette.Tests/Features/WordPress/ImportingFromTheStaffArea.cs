using System.Net;
using System.Net.Http.Headers;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.WordPress;

/// <summary>An Administrator uploads an export, watches it run and reads the report; and downloads the site's export.</summary>
public abstract class ImportingFromTheStaffArea(GazetteApp app)
{
    [Fact]
    public async Task AnAdministratorUploadsAnExportWatchesItsProgressAndReadsTheReport()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var form = await browser.GetDocumentAsync("/admin/import");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(WordPressFixtures.PathOf(WordPressFixtures.Lighthouse)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        content.Add(file, "file", "lighthouse.xml");

        var posted = await browser.PostAsync(new Uri("/admin/import", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        AngleSharp.Html.Dom.IHtmlDocument page;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            page = await browser.GetDocumentAsync("/admin/import");
            if (page.QuerySelector("progress") is { } progress)
            {
                Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
                Assert.NotNull(progress.GetAttribute("value"));
                await Task.Delay(200);
            }
        }
        while (page.QuerySelector("table.import-report") is null && DateTime.UtcNow < deadline);

        Assert.Contains("The import finished.", page.Body!.TextContent, StringComparison.Ordinal);
        var posts = page.QuerySelectorAll("table.import-report tr").Single(tr => tr.QuerySelector("th")!.TextContent == "posts");
        Assert.Equal("1", posts.QuerySelectorAll("td")[0].TextContent);
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task ARefusedFileShowsWhyInTheReport()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var form = await browser.GetDocumentAsync("/admin/import");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new ByteArrayContent("just words"u8.ToArray()), "file", "notes.xml");

        await browser.PostAsync(new Uri("/admin/import", UriKind.Relative), content);
        AngleSharp.Html.Dom.IHtmlDocument page;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            page = await browser.GetDocumentAsync("/admin/import");
        }
        while (page.QuerySelector("table.import-report") is null && DateTime.UtcNow < deadline);

        Assert.Contains("The import failed: The file is not well-formed XML", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorDownloadsTheSiteAsAWordPressExport()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);

        var response = await browser.GetAsync(new Uri("/admin/import?handler=Export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.Contains("<wp:wxr_version>1.2</wp:wxr_version>", xml, StringComparison.Ordinal);
        Assert.Contains("Night ferry returns to Kestrel Bay", xml, StringComparison.Ordinal);
    }
}

public sealed class ImportingFromTheStaffAreaOnSqlite(SqliteApp app) : ImportingFromTheStaffArea(app), IClassFixture<SqliteApp>;

public sealed class ImportingFromTheStaffAreaOnPostgreSql(PostgreSqlApp app) : ImportingFromTheStaffArea(app), IClassFixture<PostgreSqlApp>;
