using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// WordPress menus come in as menus: every kind of item re-pointed at what the import made, nested as
/// far as menus here go, the main and footer menus in their places, and what cannot be kept reported.
/// </summary>
public abstract class ImportingWordPressMenus(GazetteApp app)
{
    internal const string Fixture = "menus-wxr-1.2.xml";

    [Fact]
    public async Task TheMainAndFooterMenusShowWithTheirItemsLinkedToTheImportedSite()
    {
        var report = await app.ImportAsync(Fixture);

        Assert.True(report.Succeeded, report.ToString());
        var places = await app.WithDbAsync(db => db.Menus.Where(m => m.Location != null).ToDictionaryAsync(m => m.Location!.Value, m => m.Name));
        Assert.Equal("Main Menu", places[MenuLocation.Primary]);
        Assert.Equal("Footer Links", places[MenuLocation.Footer]);

        var home = await app.CreateBrowser().GetDocumentAsync("/");
        Assert.Equal(
            ["Home /", "News /category/marsh-news", "About us /about", "The regatta report /2022/05/regatta-report", "Tide tables https://tides.example.com/saltmarsh"],
            Links(home, ".primary-nav .menu > li > a"));
        // A third level sits under its top-level ancestor.
        Assert.Equal(["Rowing /category/rowing", "High tide /tag/high-tide"], Links(home, ".primary-nav .menu > li:nth-child(2) .sub-menu a"));
        Assert.Equal(["Write to us /write-to-us", "About (old link) /about"], Links(home, ".footer-nav .menu > li > a"));

        Assert.Equal(9, report.ByKind["menus"].Imported);
        Assert.Equal(3, report.ByKind["menus"].Skipped);
        var text = report.ToString();
        Assert.Contains("a label without an address", text, StringComparison.Ordinal);
        Assert.Contains("javascript:alert(document.cookie)", text, StringComparison.Ordinal);
        Assert.Contains("the page it links to (#999) was not imported", text, StringComparison.Ordinal);
        Assert.Contains("three or more levels deep", text, StringComparison.Ordinal);
        Assert.Contains("in place of \"Sections\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", home.QuerySelector(".primary-nav")!.InnerHtml, StringComparison.Ordinal);

        // The same export again adds nothing.
        var again = await app.ImportAsync(Fixture);
        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal(0, again.ByKind["menus"].Imported);
        Assert.Equal(1, await app.WithDbAsync(db => db.Menus.CountAsync(m => m.Name == "Main Menu")));
    }

    internal static List<string> Links(IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(a => $"{a.TextContent.Trim()} {a.GetAttribute("href")}").ToList();
}

public sealed class ImportingWordPressMenusOnSqlite(SqliteApp app) : ImportingWordPressMenus(app), IClassFixture<SqliteApp>;

public sealed class ImportingWordPressMenusOnPostgreSql(PostgreSqlApp app) : ImportingWordPressMenus(app), IClassFixture<PostgreSqlApp>;

/// <summary>A site's menus go out in its export and come back in their places on another site.</summary>
public sealed class RoundTrippingMenusThroughWordPress
{
    [Fact]
    public async Task MenusGoOutInTheExportAndComeBackInTheirPlaces()
    {
        using var app = new SqliteApp();
        Assert.True((await app.ImportAsync(ImportingWordPressMenus.Fixture)).Succeeded);
        var exported = Path.Combine(Directory.CreateTempSubdirectory("wxr-menus-").FullName, "site.xml");
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var stream = File.Create(exported))
        {
            await scope.ServiceProvider.GetRequiredService<ExportWordPress>().ExecuteAsync(stream, CancellationToken.None);
        }
        var xml = await File.ReadAllTextAsync(exported);
        Assert.Contains("<wp:term_taxonomy><![CDATA[nav_menu]]></wp:term_taxonomy>", xml, StringComparison.Ordinal);
        Assert.Contains("<wp:post_type><![CDATA[nav_menu_item]]></wp:post_type>", xml, StringComparison.Ordinal);

        using var other = new SqliteApp();
        var report = await other.ImportAsync(exported);

        Assert.True(report.Succeeded, report.ToString());
        var before = await app.CreateBrowser().GetDocumentAsync("/");
        var after = await other.CreateBrowser().GetDocumentAsync("/");
        foreach (var selector in new[] { ".primary-nav .menu a", ".footer-nav .menu a" })
        {
            Assert.Equal(ImportingWordPressMenus.Links(before, selector), ImportingWordPressMenus.Links(after, selector));
        }
        Assert.NotEmpty(ImportingWordPressMenus.Links(after, ".primary-nav .menu a"));
    }
}
