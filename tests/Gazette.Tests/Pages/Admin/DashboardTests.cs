using System.Net;
using AngleSharp.Dom;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages.Admin;

public abstract class DashboardTests(GazetteApp app)
{
    [Fact]
    public async Task EditorsSeeWhatNeedsDoingAcrossTheNewsroom()
    {
        var contributor = app.CreateBrowser();
        await app.SignInAsync(contributor, StaffRoles.Contributor);
        var submitted = await SaveAsync(contributor, "Submitted " + app.Unique("s"), "submit");
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var myDraft = await SaveAsync(editor, "My draft " + app.Unique("d"), "draft");
        var othersDraft = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Draft; a.PublishedAt = null; a.Title = "Not mine " + a.Slug; });
        var goesOutAt = DateTime.UtcNow.AddDays(1);
        var scheduled = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Scheduled; a.PublishedAt = goesOutAt; });
        var published = await app.CreateArticleAsync(a => a.PublishedAt = DateTime.UtcNow.AddSeconds(-1));
        var waiting = await app.AddCommentAsync(published, c => { c.Status = CommentStatus.Pending; c.Text = "Waiting " + app.Unique("w"); });
        var approved = await app.AddCommentAsync(published, c => c.Text = "Approved " + app.Unique("a"));

        var dashboard = await editor.GetDocumentAsync("/admin");

        Assert.Equal("Dashboard", dashboard.TextOf("h1"));
        var moderation = Section(dashboard, "moderation-heading");
        Assert.Matches(@"^\d+ waiting$", moderation.TextOf(".panel-count"));
        Assert.Contains(waiting.Text, moderation.TextContent, StringComparison.Ordinal);
        var review = Section(dashboard, "review-heading");
        Assert.Equal("Pending review", review.TextOf("h2"));
        Assert.NotNull(review.QuerySelector($"a.row-action[href='/admin/articles/edit/{submitted.Id}']"));
        var schedule = Section(dashboard, "scheduled-heading");
        var item = schedule.QuerySelectorAll("li").Single(li => li.TextContent.Contains(scheduled.Title, StringComparison.Ordinal));
        var siteTime = app.Services.GetRequiredService<SiteTime>();
        Assert.Equal(siteTime.DateAndTime(goesOutAt), item.TextOf("time"));
        var drafts = Section(dashboard, "drafts-heading");
        Assert.Contains(myDraft.Title, drafts.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(othersDraft.Title, drafts.TextContent, StringComparison.Ordinal);
        Assert.Contains(published.Title, Section(dashboard, "published-heading").TextContent, StringComparison.Ordinal);
        Assert.Contains(approved.Text, Section(dashboard, "comments-heading").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(waiting.Text, Section(dashboard, "comments-heading").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentsOnAStaticPageLinkToThePageAtItsOwnAddress()
    {
        var page = await app.CreateArticleAsync(a => { a.Kind = ArticleKind.Page; a.Title = "About us " + a.Slug; });
        var email = app.Unique("reader") + "@example.org";
        var approved = await app.AddCommentAsync(page, c => { c.Text = "Approved " + app.Unique("a"); c.AuthorEmail = email; });
        var waiting = await app.AddCommentAsync(page, c => { c.Status = CommentStatus.Pending; c.Text = "Waiting " + app.Unique("w"); });
        var admin = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(admin);
        var address = "/" + page.Slug;

        var dashboard = await admin.GetDocumentAsync("/admin");
        var shown = Section(dashboard, "comments-heading").QuerySelector($"a[href='/comments/{approved.Id}']");
        Assert.NotNull(shown);
        var followed = await admin.GetAsync(new Uri(shown.GetAttribute("href")!, UriKind.Relative));
        Assert.StartsWith(address + "#comment-" + approved.Id, followed.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.NotNull(Section(dashboard, "moderation-heading").QuerySelector($"a[href='{address}']"));
        var queue = await admin.GetDocumentAsync("/admin/comments?q=" + Uri.EscapeDataString(waiting.Text));
        Assert.NotEmpty(queue.QuerySelectorAll($"a[href='{address}']"));
        Assert.DoesNotContain(queue.QuerySelectorAll($"a[href$='/{page.Slug}']"), a => a.GetAttribute("href") != address);
        await using var scope = app.Services.CreateAsyncScope();
        var export = await scope.ServiceProvider.GetRequiredService<Gazette.Features.Comments.PersonalData>().ExportAsync(email, CancellationToken.None);
        Assert.Equal(address, Assert.Single(export.Comments, c => c.Id == approved.Id).ArticleUrl);
    }

    [Fact]
    public async Task ContributorsSeeTheirOwnArticlesAndNoModeration()
    {
        var contributor = app.CreateBrowser();
        await app.SignInAsync(contributor, StaffRoles.Contributor);
        var mine = await SaveAsync(contributor, "Mine " + app.Unique("m"), "submit");
        var theirs = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Pending; a.PublishedAt = null; });
        var scheduled = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Scheduled; a.PublishedAt = DateTime.UtcNow.AddDays(2); });
        await app.AddCommentAsync(theirs, c => c.Status = CommentStatus.Pending);

        var dashboard = await contributor.GetDocumentAsync("/admin");

        Assert.Null(dashboard.GetElementById("moderation-heading"));
        var review = Section(dashboard, "review-heading");
        Assert.Equal("Your articles awaiting review", review.TextOf("h2"));
        Assert.Contains(mine.Title, review.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Title, review.TextContent, StringComparison.Ordinal);
        Assert.Null(review.QuerySelector("a.row-action"));
        Assert.DoesNotContain(scheduled.Title, Section(dashboard, "scheduled-heading").TextContent, StringComparison.Ordinal);
        Assert.Null(dashboard.QuerySelector(".admin-nav a[href='/admin/comments']"));
    }

    [Fact]
    public async Task TheDashboardCostsAFewQueries()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        await app.CreateArticleAsync();

        var queries = await app.Queries.CountAsync(() => editor.GetStringAsync(new Uri("/admin", UriKind.Relative)));

        // The session's security stamp; drafts, review, schedule, recently published; pending count and
        // the latest few; latest comments.
        Assert.InRange(queries, 1, 8);
    }

    [Fact]
    public async Task TheArticleListPagesThroughEverything()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var marker = app.Unique("paged");
        for (var i = 0; i < 55; i++)
        {
            await app.CreateArticleAsync(a => a.Title = $"{marker} {i}");
        }

        var first = await editor.GetDocumentAsync($"/admin/articles?q={marker}");
        var second = await editor.GetDocumentAsync($"/admin/articles?q={marker}&page=2");

        Assert.Equal(50, first.QuerySelectorAll(".article-table tbody tr").Length);
        Assert.Equal(5, second.QuerySelectorAll(".article-table tbody tr").Length);
    }

    [Fact]
    public async Task TheArticleListFiltersByStateAndSearchesTitles()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var marker = app.Unique("needle");
        var scheduled = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Scheduled; a.PublishedAt = DateTime.UtcNow.AddDays(3); a.Title = "Harbour " + marker; });
        var draft = await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Draft; a.PublishedAt = null; a.Title = "Draft " + marker; });

        var onlyScheduled = await editor.GetDocumentAsync("/admin/articles?status=Scheduled");
        Assert.Contains(scheduled.Title, onlyScheduled.TextOf(".article-table"), StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Title, onlyScheduled.TextOf(".article-table"), StringComparison.Ordinal);
        Assert.All(onlyScheduled.QuerySelectorAll(".article-table .status"), status => Assert.Equal("Scheduled", status.TextContent));
        Assert.Equal("page", onlyScheduled.QuerySelector(".tabs a[href='/admin/articles?status=Scheduled']")!.GetAttribute("aria-current"));

        var found = await editor.GetDocumentAsync("/admin/articles?q=" + Uri.EscapeDataString(marker.ToUpperInvariant()));
        Assert.Equal(
            new[] { draft.Title, scheduled.Title }.Order(),
            found.QuerySelectorAll(".article-table tbody td:first-child a:first-child").Select(a => a.TextContent).Order());
        Assert.Equal("(1)", found.TextOf(".tabs a[href*='status=Draft'] .count"));
    }

    private async Task<Article> SaveAsync(HttpClient client, string title, string intent)
    {
        var response = await client.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", new()
        {
            ["Form.Title"] = title, ["Form.Body"] = "Words.", ["intent"] = intent,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
    }

    private static IElement Section(IParentNode page, string headingId) =>
        page.QuerySelector($"section[aria-labelledby='{headingId}']") ?? throw new InvalidOperationException($"No section {headingId}");
}

public sealed class DashboardOnSqlite(SqliteApp app) : DashboardTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardOnPostgreSql(PostgreSqlApp app) : DashboardTests(app), IClassFixture<PostgreSqlApp>;
