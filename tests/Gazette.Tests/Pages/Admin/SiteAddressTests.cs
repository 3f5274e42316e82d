using System.Net;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// No link Gazette sends is built from the Host a request claims: every mail-sending form is
/// posted with <c>Host: evil.example</c>, and every link in every message it queues points at
/// the site's own address.
/// </summary>
public abstract partial class ForgedHostTests(GazetteApp app)
{
    private const string Forged = "http://evil.example/";

    [Fact]
    public async Task AStaffPasswordResetLinksToTheSite()
    {
        var userName = await app.SignInAsync(app.CreateBrowser(), StaffRoles.Author);
        await SiteIsSetUpAsync();

        await Mailed(() => app.CreateBrowser(Forged).PostFormAsync("/admin/forgot-password", "/admin/forgot-password", new() { ["UserName"] = userName }));
    }

    [Fact]
    public async Task AnInvitationAndAResetSentByAnAdministratorLinkToTheSite()
    {
        await SiteIsSetUpAsync();
        var administrator = app.CreateBrowser(Forged);
        await app.SignInAsAdministratorAsync(administrator);
        var userName = app.Unique("newcomer");

        await Mailed(() => administrator.PostFormAsync("/admin/users", "/admin/users?handler=Invite", new()
        {
            ["Invite.DisplayName"] = "New Comer", ["Invite.UserName"] = userName, ["Invite.Email"] = userName + "@example.org",
            ["Invite.Role"] = StaffRoles.Author,
        }));
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        await Mailed(() => administrator.PostFormAsync("/admin/users", $"/admin/users?handler=Reset&id={id}", []));
    }

    [Fact]
    public async Task ACommentersDataRequestLinksToTheSite()
    {
        await SiteIsSetUpAsync();
        var article = await app.CreateArticleAsync();
        var email = app.Unique("reader") + "@example.org";
        await app.AddCommentAsync(article, c => c.AuthorEmail = email);

        await Mailed(() => app.CreateBrowser(Forged).PostFormAsync("/comments/my-data", "/comments/my-data", new() { ["Email"] = email }));
    }

    [Fact]
    public async Task ModeratorNoticesReplyConfirmationsAndReplyNoticesLinkToTheSite()
    {
        await SiteIsSetUpAsync();
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var asker = app.Unique("asker") + "@example.org";
        var question = await app.AddCommentAsync(article, c => { c.AuthorEmail = asker; c.AuthorName = "Asker"; });
        await app.AddCommentAsync(article, c => { c.AuthorEmail = "regular@example.org"; c.AuthorName = "Regular"; });

        // A first comment waits for moderation (moderators are told) and asks for reply notices (a confirmation is sent).
        await Mailed(() => app.CreateBrowser(Forged).PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Newcomer", ["Form.Email"] = app.Unique("new") + "@example.org", ["Form.Text"] = "A first comment here.",
            ["Form.NotifyReplies"] = "true",
        }));
        await app.WithDbAsync(db => db.ReplySubscriptions.Where(s => s.Email == asker).ExecuteDeleteAsync());
        await app.WithDbAsync(async db =>
        {
            db.ReplySubscriptions.Add(new ReplySubscription { Email = asker, ConfirmedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        // An approved reply tells the subscribed asker, with an unsubscribe link.
        await Mailed(() => app.CreateBrowser(Forged).PostFormAsync($"{url}?replyTo={question.Id}", url, new()
        {
            ["Form.Name"] = "Regular", ["Form.Email"] = "regular@example.org", ["Form.Text"] = "An answer " + app.Unique("a"),
            ["Form.ParentId"] = question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    [Fact]
    public async Task FeedsSitemapsAndCanonicalLinksUseTheSitesAddress()
    {
        await SiteIsSetUpAsync();
        var evil = app.CreateBrowser(Forged);
        foreach (var path in new[] { "/", "/feed", "/feed/atom", "/feed/json", "/sitemap.xml", "/robots.txt", "/comments/feed" })
        {
            var text = await (await evil.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync();
            Assert.DoesNotContain("evil.example", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("http://localhost/", text, StringComparison.Ordinal);
        }
    }

    /// <summary>An Administrator has signed in at the site's real address (the first one fixes it).</summary>
    private async Task SiteIsSetUpAsync() => await app.SignInAsAdministratorAsync(app.CreateBrowser());

    /// <summary>Runs a form post and checks every message it queued links only to http://localhost/.</summary>
    private async Task Mailed(Func<Task<HttpResponseMessage>> post)
    {
        var before = await app.WithDbAsync(db => db.Outbox.Select(m => m.Id).DefaultIfEmpty().MaxAsync());
        var response = await post();
        Assert.True((int)response.StatusCode < 400, $"the post answered {(int)response.StatusCode}");
        var messages = await app.WithDbAsync(db => db.Outbox.Where(m => m.Id > before).ToListAsync());
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            Assert.DoesNotContain("evil.example", message.Body + message.UnsubscribeUrl, StringComparison.OrdinalIgnoreCase);
            var links = LinkPattern().Matches(message.Body).Select(m => m.Value).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, link => Assert.StartsWith("http://localhost/", link, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}

public sealed class ForgedHostOnSqlite(SqliteApp app) : ForgedHostTests(app), IClassFixture<SqliteApp>;

public sealed class ForgedHostOnPostgreSql(PostgreSqlApp app) : ForgedHostTests(app), IClassFixture<PostgreSqlApp>;

/// <summary>Where the site's address comes from, and what answers for other hosts.</summary>
public sealed class SiteAddressTests
{
    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.PostgreSql))]
    public async Task TheFirstAdministratorsAddressIsKeptAndShownInTheSettings(string provider)
    {
        using GazetteApp app = provider == nameof(DatabaseProvider.Sqlite) ? new SqliteApp() : new PostgreSqlApp();
        var administrator = app.CreateBrowser("http://news.example.test/");
        await app.SignInAsAdministratorAsync(administrator);

        var settings = await administrator.GetDocumentAsync("/admin/settings");
        Assert.Equal("http://news.example.test", settings.QuerySelector("input[name='Form.SiteUrl']")!.GetAttribute("value"));
        // Now that it has a name, the site answers for it and for this machine, and for no other host.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateBrowser("http://evil.example/").GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        // A later Administrator elsewhere does not move it.
        await app.SignInAsAdministratorAsync(app.CreateBrowser());
        Assert.Equal("http://news.example.test", (await administrator.GetDocumentAsync("/admin/settings"))
            .QuerySelector("input[name='Form.SiteUrl']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ASiteSetUpOnThisMachineAndUsedUnderANameAsksForItsAddress()
    {
        using var app = new SqliteApp();
        await app.SignInAsAdministratorAsync(app.CreateBrowser());
        var elsewhere = app.CreateBrowser("http://news.example.test/");
        await app.SignInAsAdministratorAsync(elsewhere);

        var dashboard = await elsewhere.GetDocumentAsync("/admin");
        var local = await (await app.CreateBrowser().GetAsync(new Uri("/", UriKind.Relative))).Content.ReadAsStringAsync();

        Assert.Contains("point at http://localhost", dashboard.TextOf(".notice"), StringComparison.Ordinal);
        Assert.Equal("/admin/settings#Form_SiteUrl", dashboard.QuerySelector(".notice a")!.GetAttribute("href"));
        Assert.DoesNotContain("news.example.test", local, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorChangesTheAddressAndOnlyAWebAddressIsTaken()
    {
        using var app = new SqliteApp();
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        var form = SettingsFields(await administrator.GetDocumentAsync("/admin/settings"));

        form["Form.SiteUrl"] = "javascript:alert(1)";
        var refused = await administrator.PostFormAsync("/admin/settings", "/admin/settings", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not a web address", (await refused.ReadDocumentAsync()).TextOf("[data-valmsg-for='Form.SiteUrl']"), StringComparison.Ordinal);

        form["Form.SiteUrl"] = "https://news.example.test/";
        var saved = await administrator.PostFormAsync("/admin/settings", "/admin/settings", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("https://news.example.test/admin/settings", saved.Headers.Location!.OriginalString);
        var feed = await (await app.CreateBrowser().GetAsync(new Uri("/feed", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("https://news.example.test/", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverHttpsTheSiteSendsStrictTransportSecurityAndSecureCookies()
    {
        using var app = new ConfiguredApp(("Gazette:Site:Url", "https://news.example.test"));
        var browser = app.CreateBrowser("https://news.example.test/");

        var home = await browser.GetAsync(new Uri("/", UriKind.Relative));
        var signIn = await browser.GetAsync(new Uri("/admin/signin", UriKind.Relative));

        Assert.Contains("includeSubDomains", home.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var antiforgery = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateBrowser("https://evil.example/").GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task PlainHttpIsRedirectedWhenHttpsIsConfigured()
    {
        using var app = new ConfiguredApp(("Gazette:Site:Url", "https://news.example.test"), ("https_port", "443"));

        var response = await app.CreateBrowser("http://news.example.test/").GetAsync(new Uri("/feed?x=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://news.example.test/feed?x=1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task NoAnswerNamesTheServerSoftware()
    {
        using var app = new SqliteApp();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.AbsoluteUri, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
    }

    private static Dictionary<string, string> SettingsFields(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in page.QuerySelectorAll("form.settings-form input[name], form.settings-form textarea[name], form.settings-form select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name == "__RequestVerificationToken" || (input.GetAttribute("type") is "checkbox" && !input.HasAttribute("checked")))
            {
                continue;
            }
            fields[name] = input.LocalName switch
            {
                "textarea" => input.TextContent,
                "select" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? "",
                _ => input.GetAttribute("value") ?? "",
            };
        }
        return fields;
    }

    private sealed class ConfiguredApp(params (string Key, string Value)[] settings) : GazetteApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
