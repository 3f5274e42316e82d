using System.Net;
using Gazette.Data;
using Gazette.Features.Settings;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages.Admin;

public abstract class SiteSettingsTests(GazetteApp app)
{
    private const string Url = "/admin/settings";

    [Fact]
    public async Task ASavedChangeShowsOnTheVeryNextRequest()
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        await app.CreateArticleAsync();
        await app.CreateArticleAsync();
        var title = "The Harbour Courier " + app.Unique("t");

        var saved = await SaveAsync(administrator, new()
        {
            ["Form.Title"] = title, ["Form.PostsPerPage"] = "1", ["Form.ManualApproval"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = await app.CreateBrowser().GetDocumentAsync("/");
        Assert.Equal(title, home.TextOf(".site-title"));
        Assert.Equal(title, home.Title);
        Assert.NotNull(home.QuerySelector(".pager a[rel=next]"));
        Assert.Single((await app.CreateBrowser().GetDocumentAsync("/?page=2")).QuerySelectorAll("ol.article-list > li"));

        // A commenter approved before would be published at once; manual approval holds them too.
        var article = await app.CreateArticleAsync();
        var email = app.Unique("regular") + "@example.org";
        await app.AddCommentAsync(article, c => { c.AuthorName = "Ola Berg"; c.AuthorEmail = email; });
        var url = GazetteApp.UrlOf(article);
        var posted = await app.CreateBrowser().PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Ola Berg", ["Form.Email"] = email, ["Form.Text"] = "Held, I expect.",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var held = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id && c.Text == "Held, I expect."));
        Assert.Equal(CommentStatus.Pending, held.Status);

        await SaveAsync(administrator, new() { ["Form.PostsPerPage"] = "10", ["Form.ManualApproval"] = "false" });
        var page = await administrator.GetDocumentAsync(Url);
        Assert.Equal("Settings saved. They apply from the next page anyone opens.", page.TextOf(".notice"));
        Assert.Equal(title, page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));
        Assert.Equal("10", page.QuerySelector("input[name='Form.PostsPerPage']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task RefusesInvalidSettingsWithAMessageNextToEachFieldAndSavesNothing()
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        var before = await StoredAsync();

        var response = await SaveAsync(administrator, new()
        {
            ["Form.Title"] = "",
            ["Form.Tagline"] = "Typed, and kept",
            ["Form.TimeZone"] = "Mars/Olympus_Mons",
            ["Form.Language"] = "zz-ZZ",
            ["Form.PostsPerPage"] = "0",
            ["Form.SpamThresholdPercent"] = "many",
            ["Form.BlockedIpRanges"] = "198.51.100.0/24\n203.0.113.0/33",
            ["Form.BlockedEmails"] = "spammer at example.com",
            ["Form.BlockedWords"] = "casino\n" + new string('x', 201),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Give the site a title", Message("Title"), StringComparison.Ordinal);
        Assert.Contains("not a time zone", Message("TimeZone"), StringComparison.Ordinal);
        Assert.Contains("not a language", Message("Language"), StringComparison.Ordinal);
        Assert.Contains("from 1 to 100", Message("PostsPerPage"), StringComparison.Ordinal);
        Assert.Contains("not valid", Message("SpamThresholdPercent"), StringComparison.Ordinal);
        Assert.Contains("\"203.0.113.0/33\" is not an address or a range", Message("BlockedIpRanges"), StringComparison.Ordinal);
        Assert.Contains("\"spammer at example.com\"", Message("BlockedEmails"), StringComparison.Ordinal);
        Assert.Contains("Keep each line to 200 characters", Message("BlockedWords"), StringComparison.Ordinal);
        Assert.Equal("Typed, and kept", page.QuerySelector("input[name='Form.Tagline']")!.GetAttribute("value"));
        Assert.Equal("198.51.100.0/24\n203.0.113.0/33", page.QuerySelector("textarea[name='Form.BlockedIpRanges']")!.TextContent.Trim());
        Assert.Equal("Mars/Olympus_Mons", page.QuerySelector("select[name='Form.TimeZone'] option[selected]")!.GetAttribute("value"));
        Assert.Equal(before, await StoredAsync());
        Assert.NotEqual("", (await app.CreateBrowser().GetDocumentAsync("/")).TextOf(".site-title"));

        string Message(string field) => page.TextOf($"[data-valmsg-for='Form.{field}']");
    }

    [Theory]
    [InlineData(StaffRoles.Editor)]
    [InlineData(StaffRoles.Author)]
    [InlineData(StaffRoles.Contributor)]
    public async Task OnlyAdministratorsMayOpenTheSettings(string role)
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, role);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
        var dashboard = await browser.GetDocumentAsync("/admin");
        Assert.Null(dashboard.QuerySelector(".admin-nav a[href='/admin/settings']"));

        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        Assert.NotNull((await administrator.GetDocumentAsync("/admin")).QuerySelector(".admin-nav a[href='/admin/settings']"));
    }

    [Fact]
    public async Task StoresListsOneItemPerKeyAndLetsThemShrink()
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);

        await SaveAsync(administrator, new() { ["Form.BlockedWords"] = "casino\r\n  cheap pills \r\n\r\nCASINO" });
        Assert.Equal(
            [("Gazette:Comments:BlockedWords:0", "casino"), ("Gazette:Comments:BlockedWords:1", "cheap pills")],
            await BlockedWordsAsync());

        await SaveAsync(administrator, new() { ["Form.BlockedWords"] = "cheap pills" });
        Assert.Equal([("Gazette:Comments:BlockedWords:0", "cheap pills")], await BlockedWordsAsync());
        var page = await administrator.GetDocumentAsync(Url);
        Assert.Equal("cheap pills", page.QuerySelector("textarea[name='Form.BlockedWords']")!.TextContent.Trim());

        Task<List<(string, string)>> BlockedWordsAsync() => app.WithDbAsync(async db =>
            (await db.SiteSettings.Where(s => s.Key.StartsWith("Gazette:Comments:BlockedWords:")).OrderBy(s => s.Key).ToListAsync())
                .Select(s => (s.Key, s.Value)).ToList());
    }

    [Fact]
    public async Task AnotherInstancesSaveArrivesWithTheNextVersionCheck()
    {
        var tagline = "Saved elsewhere " + app.Unique("x");
        // What a save on another instance leaves in the shared database.
        await app.WithDbAsync(async db =>
        {
            var row = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == "Gazette:Site:Tagline");
            if (row is null)
            {
                db.SiteSettings.Add(new SiteSetting { Key = "Gazette:Site:Tagline", Value = tagline });
            }
            else
            {
                row.Value = tagline;
            }
            await db.SaveChangesAsync();
            await db.SiteSettingsVersions.ExecuteUpdateAsync(set => set.SetProperty(v => v.Number, v => v.Number + 1));
        });
        var store = app.Services.GetRequiredService<SiteSettingsStore>();
        Assert.NotEqual(tagline, (await app.CreateBrowser().GetDocumentAsync("/")).TextOf(".tagline"));

        Assert.True(await store.RefreshAsync(CancellationToken.None));

        Assert.Equal(tagline, (await app.CreateBrowser().GetDocumentAsync("/")).TextOf(".tagline"));
        Assert.False(await store.RefreshAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TwoSavesAtTheSameMomentBothLand()
    {
        var store = app.Services.GetRequiredService<SiteSettingsStore>();
        var versionBefore = await app.WithDbAsync(db => db.SiteSettingsVersions.Select(v => v.Number).SingleAsync());
        const string list = "Gazette:Comments:BlockedDomains";

        await Task.WhenAll(
            store.SaveAsync(new Dictionary<string, string> { [list + ":0"] = "one.example" }, [list], CancellationToken.None),
            store.SaveAsync(new Dictionary<string, string> { [list + ":0"] = "two.example" }, [list], CancellationToken.None));

        Assert.Equal(versionBefore + 2, await app.WithDbAsync(db => db.SiteSettingsVersions.Select(v => v.Number).SingleAsync()));
        var stored = await app.WithDbAsync(db => db.SiteSettings.Where(s => s.Key.StartsWith(list)).Select(s => s.Value).ToListAsync());
        Assert.Matches("^(one|two)\\.example$", Assert.Single(stored));
    }

    /// <summary>Posts the settings form as the page shows it, with <paramref name="changes"/> made.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient administrator, Dictionary<string, string> changes)
    {
        var page = await administrator.GetDocumentAsync(Url);
        var fields = FormFields.Of(page.QuerySelector("form.settings-form")!);
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }
        return await administrator.PostFormAsync(Url, Url, fields);
    }

    private Task<List<(string Key, string Value)>> StoredAsync() => app.WithDbAsync(async db =>
    {
        var rows = (await db.SiteSettings.OrderBy(s => s.Key).ToListAsync()).Select(s => (s.Key, s.Value)).ToList();
        rows.Add(("version", (await db.SiteSettingsVersions.SingleAsync()).Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return rows;
    });
}

public sealed class SiteSettingsOnSqlite(SqliteApp app) : SiteSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class SiteSettingsOnPostgreSql(PostgreSqlApp app) : SiteSettingsTests(app), IClassFixture<PostgreSqlApp>;

/// <summary>An app of its own: once two-factor sign-in is required, its staff see nothing else until they set it up.</summary>
public sealed class RequiringTwoFactorFromTheSettings(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task AppliesFromTheNextPageStaffOpen()
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        var page = await administrator.GetDocumentAsync("/admin/settings");
        var fields = FormFields.Of(page.QuerySelector("form.settings-form")!);
        fields["Form.RequireTwoFactor"] = "true";

        var saved = await administrator.PostFormAsync("/admin/settings", "/admin/settings", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var next = await administrator.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/admin/account/two-factor?required=1", next.Headers.Location!.OriginalString);
    }
}
