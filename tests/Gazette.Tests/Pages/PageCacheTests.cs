using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.WordPress;
using Gazette.Infrastructure;
using Gazette.Tests.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages;

/// <summary>
/// Readers without a staff session share one cached copy of each public page, and every change made
/// through the app shows on the very next request. Each test first proves the page is cached (a row
/// changed behind the app's back does not show), then makes the change the way staff or readers do.
/// </summary>
public abstract class PageCacheTests(FakeClockApp app)
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task TwoReadersGetTheSameBytesWithoutACookieWhileStaffSeeAFreshPage()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);

        var first = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));
        var second = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.True(second.Headers.Age.HasValue, "the second reader is served the stored copy");
        Assert.Equal("public, no-cache", second.Headers.CacheControl!.ToString());

        await BehindTheAppAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Title, "Changed behind the cache")));
        Assert.Equal(article.Title, (await ReadAsync(url)).TextOf("article h1"));

        var staff = app.CreateBrowser();
        await app.SignInAsync(staff, StaffRoles.Author);
        var fresh = await staff.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal("Changed behind the cache", (await fresh.ReadDocumentAsync()).TextOf("article h1"));
        Assert.False(fresh.Headers.Age.HasValue);
        Assert.True(fresh.Headers.CacheControl is { Private: true, NoCache: true }, fresh.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task QueryKeysAPageDoesNotReadShareItsCopyAndSearchVariesByItsQuery()
    {
        await PrimeAsync("/");
        var tracked = await app.CreateBrowser().GetAsync(new Uri("/?utm_source=newsletter&q=" + app.Unique("x"), UriKind.Relative));
        Assert.True(tracked.Headers.Age.HasValue, "a link with tracking keys is served the home page's copy");

        var article = await app.CreateArticleAsync(a => a.Title = "Lighthouse keepers meet the quokkas");
        const string word = "quokkas";
        await PrimeAsync("/search?q=" + word);
        var url = GazetteApp.UrlOf(article);
        Assert.Contains(url, await ReadTextAsync("/search?q=" + word), StringComparison.Ordinal);
        Assert.DoesNotContain(url, await ReadTextAsync("/search?q=zzqqxx"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrotliGzipAndIdentityDecodeToTheSameBytesAndAreStoredOnce()
    {
        var url = GazetteApp.UrlOf(await app.CreateArticleAsync(a => a.Body = string.Join("\n\n", Enumerable.Repeat("The harbour master reads the tide tables aloud.", 200))));
        foreach (var path in new[] { url, "/", "/feed", "/sitemap.xml" })
        {
            var (br, brResponse) = await GetEncodedAsync(path, "br");
            var (gzip, gzipResponse) = await GetEncodedAsync(path, "gzip");
            var (identity, identityResponse) = await GetEncodedAsync(path, null);

            Assert.Equal("br", Assert.Single(brResponse.Content.Headers.ContentEncoding));
            Assert.Equal("gzip", Assert.Single(gzipResponse.Content.Headers.ContentEncoding));
            Assert.Empty(identityResponse.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", brResponse.Headers.Vary);
            Assert.Equal(identity, Decode(br, "br"));
            Assert.Equal(identity, Decode(gzip, "gzip"));
            Assert.True(brResponse.Content.Headers.ContentLength < identity.Length / 2, $"{path} is compressed");
            // Each encoding has its own ETag: they are different bytes.
            Assert.NotEqual(brResponse.Headers.ETag, identityResponse.Headers.ETag);

            // The second request in each encoding is the stored, already compressed copy.
            var (again, againResponse) = await GetEncodedAsync(path, "br");
            Assert.True(againResponse.Headers.Age.HasValue, $"{path} came from the cache");
            Assert.Equal(br, again);
        }
    }

    [Fact]
    public async Task TheSitesOwnFilesAreStoredCompressedAndKeptForAYear()
    {
        var home = await ReadAsync("/");
        var styles = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains("?v=", styles, StringComparison.Ordinal);
        foreach (var path in new[] { styles, "/logo.svg" })
        {
            var (identity, identityResponse) = await GetEncodedAsync(path, null);
            await GetEncodedAsync(path, "br");
            var (br, brResponse) = await GetEncodedAsync(path, "br");

            Assert.Equal("br", Assert.Single(brResponse.Content.Headers.ContentEncoding));
            Assert.True(brResponse.Headers.Age.HasValue, $"{path} came from the cache");
            Assert.Equal(identity, Decode(br, "br"));
            Assert.True(br.Length < identity.Length, $"{path} is smaller compressed");

            // A strong tag names one body: each encoding has its own, and each revalidates.
            var (_, gzipResponse) = await GetEncodedAsync(path, "gzip");
            var tags = new[] { identityResponse.Headers.ETag, brResponse.Headers.ETag, gzipResponse.Headers.ETag };
            Assert.All(tags, tag => Assert.False(tag is null || tag.IsWeak, $"{path}: {tag}"));
            Assert.True(tags.Select(t => t!.Tag).Distinct().Count() == 3, string.Join(" ", tags.Select(t => t!.Tag)));
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(brResponse.Headers.ETag!);
            request.Headers.AcceptEncoding.ParseAdd("br");
            Assert.Equal(HttpStatusCode.NotModified, (await app.CreateBrowser().SendAsync(request)).StatusCode);
        }
        var (_, versioned) = await GetEncodedAsync(styles, "gzip");
        Assert.True(versioned.Headers.CacheControl is { Public: true, MaxAge.TotalDays: 365 } && versioned.Headers.CacheControl.Extensions.Any(e => e.Name == "immutable"),
            versioned.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task EveryPublicPageAnswersIfNoneMatchWithNotModified()
    {
        var url = GazetteApp.UrlOf(await app.CreateArticleAsync());
        var browser = app.CreateBrowser();
        foreach (var path in new[] { url, "/", "/feed", "/comments/feed", "/sitemap.xml", "/robots.txt", "/category/" + await FirstCategorySlugAsync() })
        {
            var first = await browser.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var tag = first.Headers.ETag ?? throw new InvalidOperationException($"{path} has no ETag");

            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(tag);
            var revalidated = await browser.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
            Assert.Equal(tag, revalidated.Headers.ETag);
        }
    }

    [Fact]
    public async Task PublishingShowsOnTheHomePageItsArchivesFeedsSitemapAndThePreviousArticle()
    {
        var previous = await app.CreateArticleAsync(a => a.PublishedAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var category = await FirstCategoryAsync();
        var pages = new[] { "/", "/feed", "/sitemap-posts-1.xml", ArticleLinks.Category(category.Slug), GazetteApp.UrlOf(previous) };
        await PrimeAsync(pages);
        var title = "Ferry timetable " + app.Unique("news");

        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var fields = Fields(title, "The winter timetable starts on Monday.", "publish");
        fields["Form.CategoryIds"] = category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var saved = await editor.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var slug = await ReadDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Slug).SingleAsync());
        foreach (var page in pages.SkipLast(1))
        {
            Assert.Contains(page.EndsWith(".xml", StringComparison.Ordinal) ? slug : title, await ReadTextAsync(page), StringComparison.Ordinal);
        }
        Assert.Equal(title, (await ReadAsync(GazetteApp.UrlOf(previous))).TextOf(".post-navigation .next .title"));
    }

    [Fact]
    public async Task EditingAnArticleShowsOnItsPageTheListsAndThePagesLinkingToIt()
    {
        // A moment of their own in the archive, so that they are each other's neighbours.
        var at = DateTime.UtcNow.AddDays(-100).AddMinutes(Random.Shared.Next(100_000));
        var article = await app.CreateArticleAsync(a => a.PublishedAt = at);
        var next = await app.CreateArticleAsync(a => a.PublishedAt = at.AddSeconds(1));
        var url = GazetteApp.UrlOf(article);
        await PrimeAsync(url, "/", "/feed", GazetteApp.UrlOf(next));
        var title = "Storm closes the quay " + app.Unique("edit");

        await SaveAsync(article, title, "publish");

        Assert.Equal(title, (await ReadAsync(url)).TextOf("article h1"));
        Assert.Contains(title, await ReadTextAsync("/"), StringComparison.Ordinal);
        Assert.Contains(title, await ReadTextAsync("/feed"), StringComparison.Ordinal);
        Assert.Equal(title, (await ReadAsync(GazetteApp.UrlOf(next))).TextOf(".post-navigation .previous .title"));
    }

    [Fact]
    public async Task UnpublishingTakesTheArticleOffItsPageAndTheLists()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        await PrimeAsync(url, "/", "/feed");

        await SaveAsync(article, article.Title, "draft");

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(article.Title, await ReadTextAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain(article.Title, await ReadTextAsync("/feed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheSlugMovesThePageAndItsOldAddressRedirects()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        await PrimeAsync(url, "/");
        var slug = app.Unique("renamed");

        await SaveAsync(article, article.Title, "publish", slug);

        var newUrl = ArticleLinks.Article(article.PublishedAt!.Value, slug);
        var old = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(newUrl, old.Headers.Location!.OriginalString);
        Assert.Equal(article.Title, (await ReadAsync(newUrl)).TextOf("article h1"));
        Assert.Contains(newUrl, await ReadTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScheduledArticleGoesLiveOnTheCachedPages()
    {
        var due = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        var article = await app.CreateArticleAsync(a =>
        {
            a.Status = ArticleStatus.Scheduled;
            a.PublishedAt = due;
        });
        await PrimeAsync("/", "/feed");

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.Services.GetRequiredService<PublishScheduledArticles>().PublishDueAsync(CancellationToken.None);

        Assert.Contains(article.Title, await ReadTextAsync("/"), StringComparison.Ordinal);
        Assert.Contains(article.Title, await ReadTextAsync("/feed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadersApprovedCommentShowsOnTheNextViewAndInTheCommentFeeds()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var email = await ApprovedBeforeAsync("Ines Berg");
        await PrimeAsync(url, "/comments/feed");
        var text = "The night ferry was full of cyclists. " + app.Unique("comment");

        var reader = app.CreateBrowser();
        var page = await ReadAsync(url);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var posted = await reader.PostFormAsync(url, url, new()
        {
            ["Form.Token"] = page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!,
            ["Form.Name"] = "Ines Berg",
            ["Form.Email"] = email,
            ["Form.Text"] = text,
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("notice=posted", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Contains(text, (await ReadAsync(url)).TextOf("#comments"), StringComparison.Ordinal);
        Assert.Contains(text, await ReadTextAsync("/comments/feed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHomeCardShowsItsSectionAndCommentCountAndANewCommentUpdatesTheCachedCopy()
    {
        var category = await FirstCategoryAsync();
        var article = await app.CreateArticleAsync(a => { a.PublishedAt = DateTime.UtcNow.AddSeconds(-5); a.Title = "Quay works " + a.Slug; });
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Articles.Include(a => a.Categories).SingleAsync(a => a.Id == article.Id);
            stored.Categories.Add(await db.Categories.SingleAsync(c => c.Id == category.Id));
            await db.SaveChangesAsync();
        });
        var url = GazetteApp.UrlOf(article);
        var email = await ApprovedBeforeAsync("Ola Nyberg");
        await PrimeAsync("/");
        IElement Card(IHtmlDocument home) => home.QuerySelectorAll(".article-card").Single(c => c.TextContent.Contains(article.Title, StringComparison.Ordinal));
        var before = Card(await ReadAsync("/"));
        Assert.Equal(category.Name, before.TextOf(".kicker"));
        Assert.Null(before.QuerySelector(".comment-count"));

        var page = await ReadAsync(url);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var posted = await app.CreateBrowser().PostFormAsync(url, url, new()
        {
            ["Form.Token"] = page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!,
            ["Form.Name"] = "Ola Nyberg",
            ["Form.Email"] = email,
            ["Form.Text"] = "Good to see the quay fixed. " + app.Unique("c"),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var after = Card(await ReadAsync("/"));
        Assert.Equal("1 comment", after.TextOf(".comment-count"));
        Assert.Equal(url + "#comments", after.QuerySelector(".comment-count")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ModeratingACommentShowsOnTheNextView()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var held = await app.AddCommentAsync(article, c => c.Status = CommentStatus.Pending);
        await PrimeAsync(url);
        Assert.Null((await ReadAsync(url)).QuerySelector($"#comment-{held.Id}"));

        var moderator = app.CreateBrowser();
        await app.SignInAsync(moderator, StaffRoles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync("/admin/comments?status=Pending", "/admin/comments", new()
        {
            ["act"] = $"Approved:{held.Id}", ["status"] = "Pending",
        })).StatusCode);
        Assert.NotNull((await ReadAsync(url)).QuerySelector($"#comment-{held.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync("/admin/comments", "/admin/comments", new()
        {
            ["act"] = $"Spam:{held.Id}", ["status"] = "Approved",
        })).StatusCode);
        Assert.Null((await ReadAsync(url)).QuerySelector($"#comment-{held.Id}"));
    }

    [Fact]
    public async Task ACommentersEditAndDeletionShowOnTheNextView()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var email = await ApprovedBeforeAsync("Ola Sund");
        var reader = app.CreateBrowser();
        var page = await ReadAsync(url);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var posted = await reader.PostFormAsync(url, url, new()
        {
            ["Form.Token"] = page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!,
            ["Form.Name"] = "Ola Sund",
            ["Form.Email"] = email,
            ["Form.Text"] = "First thoughts on the new timetable.",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = await ReadDbAsync(db => db.Comments.Where(c => c.ArticleId == article.Id).Select(c => c.Id).SingleAsync());
        await PrimeAsync(url);

        var edited = await reader.PostFormAsync($"/comments/{id}/edit", $"/comments/{id}/edit?handler=Save", new() { ["Text"] = "Second thoughts, after the meeting." });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Second thoughts, after the meeting.", (await ReadAsync(url)).TextOf($"#comment-{id} .comment-text"));

        var deleted = await reader.PostFormAsync($"/comments/{id}/edit", $"/comments/{id}/edit?handler=Delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null((await ReadAsync(url)).QuerySelector($"#comment-{id}"));
    }

    [Fact]
    public async Task ACommentersErasureShowsOnTheNextView()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var email = app.Unique("mira") + "@example.org";
        var comment = await app.AddCommentAsync(article, c => { c.AuthorName = "Mira Holt"; c.AuthorEmail = email; });
        await PrimeAsync(url);
        Assert.Equal("Mira Holt", (await ReadAsync(url)).TextOf($"#comment-{comment.Id} .comment-author"));

        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().PostFormAsync("/comments/my-data", "/comments/my-data", new() { ["Email"] = email })).StatusCode);
        var body = await ReadDbAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.Body).SingleAsync());
        var erase = new Uri(System.Text.RegularExpressions.Regex.Match(body, @"https?://[^\s""<>]+/erase[^\s""<>]*").Value);
        var erased = await app.CreateBrowser().PostAsync(new Uri(erase.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        Assert.Equal("Anonymous", (await ReadAsync(url)).TextOf($"#comment-{comment.Id} .comment-author"));
    }

    [Fact]
    public async Task SavedSettingsShowOnEveryPage()
    {
        var url = GazetteApp.UrlOf(await app.CreateArticleAsync());
        await PrimeAsync(url, "/", "/feed");
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        var form = await administrator.GetDocumentAsync("/admin/settings");
        var fields = FormFields.Of(form.QuerySelector("form.settings-form")!);
        var title = "The Harbour Herald " + app.Unique("t");
        fields["Form.Title"] = title;

        Assert.Equal(HttpStatusCode.Redirect, (await administrator.PostFormAsync("/admin/settings", "/admin/settings", fields)).StatusCode);

        Assert.Equal(title, (await ReadAsync("/")).TextOf(".site-title"));
        Assert.Equal(title, (await ReadAsync(url)).TextOf(".site-title"));
        Assert.Contains(title, await ReadTextAsync("/feed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorsNewNameShowsOnTheirBylines()
    {
        var reporter = app.CreateBrowser();
        var userName = await app.SignInAsync(reporter, StaffRoles.Author);
        var authorId = await ReadDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var article = await app.CreateArticleAsync(a => a.AuthorId = authorId);
        var url = GazetteApp.UrlOf(article);
        await PrimeAsync(url, "/");
        var page = await reporter.GetDocumentAsync("/admin/account");
        var fields = FormFields.Of(page.QuerySelector("main form")!);
        fields["Profile.DisplayName"] = "Rosa Quint-Holm";

        await reporter.PostFormAsync("/admin/account", "/admin/account", fields);

        Assert.Equal("Rosa Quint-Holm", (await ReadAsync(url)).TextOf(".byline .author a"));
        Assert.Contains("Rosa Quint-Holm", (await ReadAsync("/")).TextOf("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACategoryRenamedByAnyTrackedSaveShowsOnItsArticles()
    {
        var category = await FirstCategoryAsync();
        var article = await app.CreateArticleAsync();
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Articles.Include(a => a.Categories).SingleAsync(a => a.Id == article.Id);
            stored.Categories.Add(await db.Categories.SingleAsync(c => c.Id == category.Id));
            await db.SaveChangesAsync();
        });
        var url = GazetteApp.UrlOf(article);
        await PrimeAsync(url);
        var name = "Harbour news " + app.Unique("c");

        // No page renames categories yet: any code that does so through the DbContext evicts.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            (await db.Categories.SingleAsync(c => c.Id == category.Id)).Name = name;
            await db.SaveChangesAsync();
        }

        Assert.Contains(name, (await ReadAsync(url)).TextOf(".kicker"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATagRenamedByAnyTrackedSaveShowsOnItsArticlesAndArchive()
    {
        var article = await app.CreateArticleAsync();
        var tag = new Tag { Name = "Ferries " + app.Unique("t"), Slug = app.Unique("ferries") };
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == article.Id);
            stored.Tags.Add(tag);
            await db.SaveChangesAsync();
        });
        var url = GazetteApp.UrlOf(article);
        var archive = ArticleLinks.Tag(tag.Slug);
        await PrimeAsync(url);
        await PrimeAsync(archive);
        var name = "Night boats " + app.Unique("t");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            (await db.Tags.SingleAsync(t => t.Id == tag.Id)).Name = name;
            await db.SaveChangesAsync();
        }

        Assert.Contains(name, (await ReadAsync(url)).TextOf(".article-terms"), StringComparison.Ordinal);
        Assert.Contains(name, (await ReadAsync(archive)).TextOf("h1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArticleDeletedByAnyTrackedSaveLeavesItsPageListsAndNeighbours()
    {
        var before = await app.CreateArticleAsync(a => a.PublishedAt = DateTime.UtcNow.AddMinutes(-3));
        var doomed = await app.CreateArticleAsync(a => { a.PublishedAt = DateTime.UtcNow.AddMinutes(-2); a.Title = "Withdrawn " + a.Slug; });
        var url = GazetteApp.UrlOf(doomed);
        await PrimeAsync(url);
        await PrimeAsync("/");
        await PrimeAsync(GazetteApp.UrlOf(before));

        // No page deletes articles yet: any code that does so through the DbContext evicts.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
            db.Articles.Remove(await db.Articles.SingleAsync(a => a.Id == doomed.Id));
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(doomed.Title, (await ReadAsync("/")).Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(url, (await ReadAsync(GazetteApp.UrlOf(before))).QuerySelector(".post-navigation a[rel=next]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task AFinishedImportShowsOnTheHomePage()
    {
        await PrimeAsync("/");

        var report = await app.ImportAsync(WordPressFixtures.Harbour);

        Assert.Null(report.Error);
        var imported = await ReadDbAsync(db => db.Articles.Published().Posts().OrderByDescending(a => a.PublishedAt).Select(a => a.Title).FirstAsync());
        Assert.Contains(WebUtility.HtmlEncode(imported), await ReadTextAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>Fetches each page once as a reader, then changes a row where no eviction sees it and checks the page stays as it was.</summary>
    private async Task PrimeAsync(params string[] paths)
    {
        foreach (var path in paths)
        {
            var response = await app.CreateBrowser().GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var again = await app.CreateBrowser().GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(again.Headers.Age.HasValue, $"{path} is served from the cache before the change");
        }
    }

    /// <summary>A commenter whose comments are published at once: one of theirs was approved before.</summary>
    private async Task<string> ApprovedBeforeAsync(string name)
    {
        var email = app.Unique("reader") + "@example.org";
        await app.AddCommentAsync(await app.CreateArticleAsync(), c => { c.AuthorName = name; c.AuthorEmail = email; });
        return email;
    }

    private async Task SaveAsync(Article article, string title, string intent, string? slug = null)
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var url = $"/admin/articles/edit/{article.Id}";
        var fields = Fields(title, article.Body, intent);
        fields["Form.Slug"] = slug ?? article.Slug;
        var saved = await editor.PostFormAsync(url, url, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static Dictionary<string, string> Fields(string title, string body, string intent) => new()
    {
        ["Form.Title"] = title,
        ["Form.Body"] = body,
        ["Form.CommentsOpen"] = "true",
        ["intent"] = intent,
    };

    private async Task<IHtmlDocument> ReadAsync(string path) => await app.CreateBrowser().GetDocumentAsync(path);

    private Task<string> ReadTextAsync(string path) => app.CreateBrowser().GetStringAsync(new Uri(path, UriKind.Relative));

    private async Task<(byte[] Body, HttpResponseMessage Response)> GetEncodedAsync(string path, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        var response = await app.CreateBrowser().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    private static byte[] Decode(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Reads without touching the cache (<see cref="GazetteApp.WithDbAsync{T}"/> empties it).</summary>
    private async Task<T> ReadDbAsync<T>(Func<GazetteDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<GazetteDbContext>());
    }

    /// <summary>Changes rows the way nothing in the app does: no eviction follows, so a cached page keeps its old copy.</summary>
    private async Task BehindTheAppAsync(Func<GazetteDbContext, Task> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<GazetteDbContext>());
    }

    private async Task<Category> FirstCategoryAsync() =>
        await ReadDbAsync(db => db.Categories.AsNoTracking().OrderBy(c => c.Id).FirstAsync());

    private async Task<string> FirstCategorySlugAsync() => (await FirstCategoryAsync()).Slug;
}

public sealed class PageCacheOnSqlite(FakeClockSqliteApp app) : PageCacheTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class PageCacheOnPostgreSql(FakeClockPostgreSqlApp app) : PageCacheTests(app), IClassFixture<FakeClockPostgreSqlApp>;
