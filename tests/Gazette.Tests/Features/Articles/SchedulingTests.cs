using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Articles;

/// <summary>
/// Scheduled publishing on a clock the tests move. The publisher's own loop is stopped so that
/// each test decides when it runs; <see cref="ThePublisherLoop"/> covers the loop.
/// </summary>
public abstract class SchedulingTests(FakeClockApp app) : IAsyncLifetime
{
    private PublishScheduledArticles Publisher => app.Services.GetRequiredService<PublishScheduledArticles>();

    private SiteTime SiteTime => app.Services.GetRequiredService<SiteTime>();

    // Stops only the loop (it ends quietly, leaving the app running): each test calls PublishDueAsync itself.
    // Once it has begun: a loop stopped before it began would stop the whole app (see Running).
    public async Task InitializeAsync()
    {
        await Publisher.Running.WaitAsync(TimeSpan.FromSeconds(30));
        await Publisher.StopAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AScheduledArticleStaysHiddenFromReadersUntilItsTime()
    {
        var editor = app.CreateBrowser();
        var editorName = await app.SignInAsync(editor, StaffRoles.Editor);
        var title = "Ferry timetable changes " + app.Unique("sched");
        var tag = app.Unique("timetables");
        var category = "Transport " + app.Unique("c");
        var goesOut = ToMinute(SiteTime.Now.AddHours(2));

        var saved = await PublishAsync(editor, title, goesOut, new() { ["Form.Tags"] = tag, ["Form.NewCategory"] = category });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Scheduled, article.Status);
        var editorPage = await editor.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.StartsWith("Scheduled for ", editorPage.TextOf(".notice"), StringComparison.Ordinal);
        Assert.Equal("Schedule", editorPage.TextOf("button[value=publish]"));
        var categorySlug = Slugs.From(category);
        string[] lists = ["/", "/tag/" + Slugs.From(tag), "/category/" + categorySlug, "/author/" + editorName];

        await ExpectHiddenAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.DoesNotContain(article.Id, await Publisher.PublishDueAsync(CancellationToken.None));
        await ExpectHiddenAsync();

        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains(article.Id, await Publisher.PublishDueAsync(CancellationToken.None));

        var reader = app.CreateBrowser();
        Assert.Equal(title, (await reader.GetDocumentAsync(GazetteApp.UrlOf(article))).TextOf("article h1"));
        foreach (var list in lists)
        {
            Assert.Contains(title, await reader.GetStringAsync(new Uri(list, UriKind.Relative)), StringComparison.Ordinal);
        }

        async Task ExpectHiddenAsync()
        {
            var reader = app.CreateBrowser();
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative))).StatusCode);
            foreach (var list in lists)
            {
                var response = await reader.GetAsync(new Uri(list, UriKind.Relative));
                Assert.DoesNotContain(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ThePublicationTimeIsEnteredInTheSiteTimeZone()
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        var settings = await administrator.GetDocumentAsync("/admin/settings");
        var fields = FormFields.Of(settings.QuerySelector("form.settings-form")!);
        fields["Form.TimeZone"] = "Europe/Stockholm";
        Assert.Equal(HttpStatusCode.Redirect, (await administrator.PostFormAsync("/admin/settings", "/admin/settings", fields)).StatusCode);

        // Summer time (UTC+2), then winter time (UTC+1).
        var summer = await ScheduleAsync(administrator, "2030-07-01T09:30");
        var winter = await ScheduleAsync(administrator, "2030-01-15T09:30");

        Assert.Equal(new DateTime(2030, 7, 1, 7, 30, 0), summer.PublishedAt);
        Assert.Equal(new DateTime(2030, 1, 15, 8, 30, 0), winter.PublishedAt);
        var editor = await administrator.GetDocumentAsync($"/admin/articles/edit/{summer.Id}");
        // Shown back in the site's language (en-GB: day, month, year).
        Assert.Equal("01/07/2030 09:30", editor.QuerySelector("input[name='PublishOn']")!.GetAttribute("value"));
        Assert.Contains("for 1 July 2030, 09:30 (Europe/Stockholm time)", editor.TextOf(".status-line"), StringComparison.Ordinal);

        // 02:30 never happens in Stockholm on the day summer time starts.
        var title = "Lost hour " + app.Unique("gap");
        var refused = await PublishAsync(administrator, title, "2030-03-31T02:30");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("skip that time", page.TextOf("[data-valmsg-for='Form.PublishAt']"), StringComparison.Ordinal);
        Assert.Equal(title, page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));

        // 02:30 happens twice when it ends: the first one, still summer time, is meant.
        var twice = await ScheduleAsync(administrator, "2030-10-27T02:30");
        Assert.Equal(new DateTime(2030, 10, 27, 0, 30, 0), twice.PublishedAt);
    }

    [Fact]
    public async Task APastTimeBackDatesThePublication()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var title = "From the archive " + app.Unique("old");
        var then = ToMinute(SiteTime.Now.AddDays(-40));

        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(editor, title, then)).StatusCode);

        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Published, article.Status);
        Assert.Equal(SiteTime.ToUtc(then), article.PublishedAt);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ContributorsCannotChooseATime()
    {
        var contributor = app.CreateBrowser();
        await app.SignInAsync(contributor, StaffRoles.Contributor);
        var editor = await contributor.GetDocumentAsync("/admin/articles/edit");
        Assert.Null(editor.QuerySelector("input[name='Form.PublishAt']"));
        var title = "Submitted " + app.Unique("sub");

        var response = await contributor.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", new()
        {
            ["Form.Title"] = title, ["Form.Body"] = "Words.", ["Form.PublishAt"] = "2030-01-01T09:00", ["intent"] = "submit",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Pending, article.Status);
        Assert.Null(article.PublishedAt);
    }

    [Fact]
    public async Task EachArticleIsPublishedOnceWhenTwoInstancesRunTheirPublishersAtOnce()
    {
        var due = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Scheduled; a.PublishedAt = due; })).Id);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        // A second instance: its own publisher, on the same database.
        var other = ActivatorUtilities.CreateInstance<PublishScheduledArticles>(app.Services);

        var results = await Task.WhenAll(
            Publisher.PublishDueAsync(CancellationToken.None), other.PublishDueAsync(CancellationToken.None),
            Publisher.PublishDueAsync(CancellationToken.None));

        var published = results.SelectMany(r => r).Where(ids.Contains).ToList();
        Assert.Equal(ids.Order(), published.Order());
        Assert.All(await app.WithDbAsync(db => db.Articles.Where(a => ids.Contains(a.Id)).Select(a => a.Status).ToListAsync()),
            status => Assert.Equal(ArticleStatus.Published, status));
        var again = await Publisher.PublishDueAsync(CancellationToken.None);
        Assert.All(ids, id => Assert.DoesNotContain(id, again));
    }

    private async Task<Article> ScheduleAsync(HttpClient client, string localTime)
    {
        var title = "Scheduled " + app.Unique("tz");
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(client, title, localTime)).StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Scheduled, article.Status);
        return article;
    }

    private static Task<HttpResponseMessage> PublishAsync(
        HttpClient client, string title, DateTime localTime, Dictionary<string, string>? more = null) =>
        PublishAsync(client, title, localTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), more);

    private static Task<HttpResponseMessage> PublishAsync(
        HttpClient client, string title, string localTime, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title, ["Form.Body"] = "## Section\n\nWords.", ["Form.PublishAt"] = localTime, ["intent"] = "publish",
        };
        foreach (var (name, value) in more ?? [])
        {
            fields[name] = value;
        }
        return client.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", fields);
    }

    private static DateTime ToMinute(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMinute));
}

public sealed class SchedulingOnSqlite(FakeClockSqliteApp app) : SchedulingTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class SchedulingOnPostgreSql(FakeClockPostgreSqlApp app) : SchedulingTests(app), IClassFixture<FakeClockPostgreSqlApp>;

/// <summary>The publisher's own loop, left running: moving the clock past the time is enough.</summary>
public sealed class ThePublisherLoop(FakeClockSqliteApp app) : IClassFixture<FakeClockSqliteApp>
{
    [Fact]
    public async Task PublishesAScheduledArticleWhenTheClockReachesItsTime()
    {
        var article = await app.CreateArticleAsync(a =>
        {
            a.Status = ArticleStatus.Scheduled;
            a.PublishedAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        });
        await Task.Delay(200);
        Assert.Equal(ArticleStatus.Scheduled, await StatusAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        // The loop checks at the latest 20 s (of clock time) after its last check: if the step above
        // came while it was busy, the next steps reach it.
        for (var step = 0; step < 50 && await StatusAsync() != ArticleStatus.Published; step++)
        {
            await Task.Delay(100);
            app.Clock.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(ArticleStatus.Published, await StatusAsync());
        Assert.True(app.Clock.GetUtcNow().UtcDateTime >= article.PublishedAt);

        Task<ArticleStatus> StatusAsync() => app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Status).SingleAsync());
    }
}
