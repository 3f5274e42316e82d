using System.Net;
using System.Text.Json;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>
/// A password-protected article (WordPress's "Visibility: Password protected"): readers see its
/// headline, byline and a password form, and nothing of its text, picture or conversation, on its page
/// or anywhere else, until they give the password; the cookie that opens it opens nothing else, stops
/// working when the password changes, and never lets an unlocked page into the shared cache.
/// </summary>
public abstract class ProtectedArticlesTests(GazetteApp app)
{
    private const string Password = "lantern-42";

    /// <summary>Words that appear only in the protected article's body, excerpt, comment and image: none may leak.</summary>
    private sealed record Secrets(string Body, string Excerpt, string Comment, string Image);

    private async Task<(Article Article, Secrets Secrets)> ProtectedAsync(string? password = Password, Action<Article>? configure = null)
    {
        // Single words (no dashes), so that search looks for them as they are.
        string Word(string prefix) => app.Unique(prefix).Replace("-", "", StringComparison.Ordinal);
        var secrets = new Secrets(Word("bodyword"), Word("excerptword"), Word("commentword"), "/media/" + Word("picture") + ".jpg");
        var article = await app.CreateArticleAsync(a =>
        {
            a.Title = "Council budget leak " + app.Unique("budget");
            a.Body = $"## What the papers show\n\nThe ledger mentions {secrets.Body} on every page.";
            a.Excerpt = $"The excerpt names {secrets.Excerpt}.";
            a.FeaturedImageUrl = secrets.Image;
            a.FeaturedImageCaption = "Caption " + secrets.Image;
            a.Password = password;
            configure?.Invoke(a);
        });
        await app.AddCommentAsync(article, c => c.Text = $"A reader writes {secrets.Comment}.");
        return (article, secrets);
    }

    private static void AssertNoneOf(Secrets secrets, string text, string where)
    {
        foreach (var secret in new[] { secrets.Body, secrets.Excerpt, secrets.Comment, secrets.Image })
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} shows {secret}");
        }
    }

    /// <summary>Gives the password on the article's page as a browser would: the form's own token, its own fields.</summary>
    private static async Task<HttpResponseMessage> GivePasswordAsync(HttpClient browser, string url, string password)
    {
        var page = await browser.GetDocumentAsync(url);
        var form = page.QuerySelector("form.password-form")!;
        var fields = FormFields.Of(form);
        fields["Password"] = password;
        return await browser.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    private static string CookieOf(HttpResponseMessage response, int articleId) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ArticlePasswords.CookieName(articleId) + "=", StringComparison.Ordinal));

    [Fact]
    public async Task ALockedArticleShowsItsHeadlineBylineAndPasswordFormAndNothingElseOfIt()
    {
        var (article, secrets) = await ProtectedAsync();
        var url = GazetteApp.UrlOf(article);

        var response = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        AssertNoneOf(secrets, html, "the locked page");
        Assert.DoesNotContain(Password, html, StringComparison.Ordinal);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal(article.Title, page.TextOf("h1"));
        Assert.Contains("By Mara Lindqvist", page.TextOf(".byline"), StringComparison.Ordinal);
        Assert.Contains("This story is protected. Enter the password to read it.", page.TextOf(".password-gate"), StringComparison.Ordinal);
        var form = page.QuerySelector("form.password-form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("password", page.QuerySelector("#article-password")!.GetAttribute("type"));
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[name=UnlockToken]")?.GetAttribute("value")));
        Assert.Null(page.QuerySelector(".article-body"));
        Assert.Null(page.QuerySelector(".comment-form"));
        Assert.Null(page.QuerySelector(".reading-time"));
        Assert.DoesNotContain(page.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("href") == url + "/feed");
        // What machines read of it: the headline and byline, not a word of the text.
        var news = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(e => e.GetProperty("@type").GetString() == "NewsArticle");
        Assert.False(news.TryGetProperty("description", out _));
        Assert.False(news.TryGetProperty("articleBody", out _));
        Assert.False(news.TryGetProperty("image", out _));
        Assert.False(news.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal("This story is protected. Enter the password to read it.", page.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
        // The locked page is the same for everyone: it may be cached and shared.
        Assert.Equal("public, no-cache", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAMessageAndTheFormAgain()
    {
        var (article, secrets) = await ProtectedAsync();
        var url = GazetteApp.UrlOf(article);
        var reader = app.CreateBrowser();

        var wrong = await GivePasswordAsync(reader, url, "lantern-41");

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie") && wrong.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(ArticlePasswords.CookiePrefix, StringComparison.Ordinal)));
        var html = await wrong.Content.ReadAsStringAsync();
        AssertNoneOf(secrets, html, "the page after a wrong password");
        var page = await wrong.ReadDocumentAsync();
        Assert.Equal("That password is not right. Check it and try again.", page.TextOf("#password-problem"));
        Assert.Equal("true", page.QuerySelector("#article-password")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector("form.password-form"));

        var empty = await GivePasswordAsync(reader, url, "");
        Assert.Equal(HttpStatusCode.Forbidden, empty.StatusCode);
        Assert.Equal("Please enter the password.", (await empty.ReadDocumentAsync()).TextOf("#password-problem"));
    }

    [Fact]
    public async Task TheRightPasswordOpensTheStoryAndItsConversationInThatBrowserOnly()
    {
        var (article, secrets) = await ProtectedAsync();
        var url = GazetteApp.UrlOf(article);
        var reader = app.CreateBrowser();

        // Spaces around it, as a password copied from an email often has, are forgiven.
        var right = await GivePasswordAsync(reader, url, " " + Password + " ");

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(url, right.Headers.Location!.OriginalString);
        var cookie = CookieOf(right, article.Id).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("path=" + url.ToLowerInvariant(), cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=864000", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, cookie, StringComparison.Ordinal);

        var opened = await reader.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.True(opened.Headers.CacheControl is { Private: true, NoStore: true }, opened.Headers.CacheControl?.ToString());
        var page = await opened.ReadDocumentAsync();
        Assert.Contains(secrets.Body, page.TextOf(".article-body"), StringComparison.Ordinal);
        Assert.Contains(secrets.Comment, page.TextOf("#comments"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.password-form"));

        // The reader joins the conversation; a browser without the cookie cannot post there.
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = "Ines", ["Form.Email"] = app.Unique("ines") + "@example.org", ["Form.Text"] = "The ledger does not add up.",
        };
        var posted = await reader.PostFormAsync(url, url, fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var token = page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!;
        var stranger = await app.CreateBrowser().PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string>(fields) { ["Form.Token"] = token, ["Form.Text"] = "Let me in on it." }));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        AssertNoneOf(secrets, await stranger.Content.ReadAsStringAsync(), "the refused comment's page");
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Text == "Let me in on it.")));
    }

    [Fact]
    public async Task ACookieForOneArticleDoesNotOpenAnother()
    {
        var (first, _) = await ProtectedAsync();
        var (second, secrets) = await ProtectedAsync();
        var reader = app.CreateBrowser();
        var value = CookieOf(await GivePasswordAsync(reader, GazetteApp.UrlOf(first), Password), first.Id).Split(';')[0].Split('=', 2)[1];

        // The same password, the first article's cookie renamed for the second, or sent to it: still locked.
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(GazetteApp.UrlOf(second), UriKind.Relative));
        request.Headers.Add("Cookie", $"{ArticlePasswords.CookieName(second.Id)}={value}; {ArticlePasswords.CookieName(first.Id)}={value}");
        var response = await app.CreateClient().SendAsync(request);

        var html = await response.Content.ReadAsStringAsync();
        AssertNoneOf(secrets, html, "the second article with the first one's cookie");
        Assert.Contains("password-form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingThePasswordInTheEditorLocksReadersOutAgain()
    {
        var (article, secrets) = await ProtectedAsync();
        var url = GazetteApp.UrlOf(article);
        var reader = app.CreateBrowser();
        await GivePasswordAsync(reader, url, Password);
        Assert.Contains(secrets.Body, await reader.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);

        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var editUrl = $"/admin/articles/edit/{article.Id}";
        var edit = await editor.GetDocumentAsync(editUrl);
        Assert.Equal(Password, edit.QuerySelector("input[name='Form.Password']")!.GetAttribute("value"));
        var fields = FormFields.Of(edit.QuerySelector("#article-editor")!);
        fields["Form.Password"] = "harbour-lights";
        fields["intent"] = "publish";
        var saved = await editor.PostFormAsync(editUrl, editUrl, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("harbour-lights", (await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == article.Id))).Password);

        var relocked = await reader.GetStringAsync(new Uri(url, UriKind.Relative));
        AssertNoneOf(secrets, relocked, "the page with a cookie for the old password");
        Assert.Equal(HttpStatusCode.Forbidden, (await GivePasswordAsync(reader, url, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GivePasswordAsync(reader, url, "harbour-lights")).StatusCode);
        Assert.Contains(secrets.Body, await reader.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);

        // Emptied, the article is everyone's again.
        fields["Form.Password"] = "";
        await editor.PostFormAsync(editUrl, editUrl, fields);
        Assert.Contains(secrets.Body, await app.CreateBrowser().GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnlockedPageNeverReachesTheSharedCache()
    {
        var (article, secrets) = await ProtectedAsync();
        var url = new Uri(GazetteApp.UrlOf(article), UriKind.Relative);
        await app.CreateBrowser().GetAsync(url);
        var cached = await app.CreateBrowser().GetAsync(url);
        Assert.True(cached.Headers.Age.HasValue, "the locked page is served from the cache");

        var reader = app.CreateBrowser();
        await GivePasswordAsync(reader, url.OriginalString, Password);
        var unlocked = await reader.GetAsync(url);
        Assert.False(unlocked.Headers.Age.HasValue, "the reader with the password is not served the cached locked page");
        Assert.Contains(secrets.Body, await unlocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var next = await app.CreateBrowser().GetAsync(url);
        Assert.True(next.Headers.Age.HasValue, "the next reader gets the stored locked page");
        var html = await next.Content.ReadAsStringAsync();
        AssertNoneOf(secrets, html, "the next anonymous reader's page");
        Assert.Contains("password-form", html, StringComparison.Ordinal);

        // Nor is it stored when the cache holds nothing yet (WithDbAsync empties it): the reader asks first, then a stranger.
        await app.WithDbAsync(_ => Task.CompletedTask);
        Assert.Contains(secrets.Body, await reader.GetStringAsync(url), StringComparison.Ordinal);
        var stranger = await app.CreateBrowser().GetAsync(url);
        Assert.False(stranger.Headers.Age.HasValue);
        AssertNoneOf(secrets, await stranger.Content.ReadAsStringAsync(), "a stranger's page after the reader's");
    }

    [Fact]
    public async Task FeedsSearchAndSitemapsCarryItsHeadlineAndNothingOfItsText()
    {
        var title = "Quarry expansion " + app.Unique("quarry").Replace("-", "", StringComparison.Ordinal);
        var (article, secrets) = await ProtectedAsync(configure: a => a.Title = title);
        var url = GazetteApp.UrlOf(article);

        foreach (var feed in new[] { "/feed", "/feed/atom", "/feed/json", "/author/mara-lindqvist/feed" })
        {
            var text = await app.CreateBrowser().GetStringAsync(new Uri(feed, UriKind.Relative));
            Assert.Contains(title, text, StringComparison.Ordinal);
            Assert.Contains("This story is protected by a password", text, StringComparison.Ordinal);
            AssertNoneOf(secrets, text, feed);
        }
        AssertNoneOf(secrets, await app.CreateBrowser().GetStringAsync(new Uri("/comments/feed", UriKind.Relative)), "the comments feed");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(url + "/feed", UriKind.Relative))).StatusCode);

        var sitemap = await app.CreateBrowser().GetStringAsync(new Uri("/sitemap-posts-1.xml", UriKind.Relative));
        Assert.Contains(url, sitemap, StringComparison.Ordinal);
        AssertNoneOf(secrets, sitemap, "the sitemap");

        // Found by its headline, without a snippet; never by a word only its text holds.
        var byBody = await app.CreateBrowser().GetStringAsync(new Uri("/search?q=" + secrets.Body, UriKind.Relative));
        Assert.DoesNotContain(title, byBody, StringComparison.Ordinal);
        Assert.Empty((await app.CreateBrowser().GetDocumentAsync("/search?q=" + secrets.Excerpt)).QuerySelectorAll(".search-result"));
        var byTitle = await app.CreateBrowser().GetDocumentAsync("/search?q=" + Uri.EscapeDataString(title.Split(' ')[^1]));
        var hit = Assert.Single(byTitle.QuerySelectorAll(".search-result"));
        Assert.Equal("Protected", hit.TextOf(".protected-label"));
        Assert.Null(hit.QuerySelector(".snippet"));
        AssertNoneOf(secrets, byTitle.DocumentElement.OuterHtml, "the search results");
    }

    [Fact]
    public async Task ListsShowItsCardWithALockAndNoSummaryPictureOrCommentCount()
    {
        var (article, secrets) = await ProtectedAsync(configure: a => a.PublishedAt = DateTime.UtcNow.AddMinutes(-1));

        foreach (var list in new[] { "/", "/author/mara-lindqvist" })
        {
            var page = await app.CreateBrowser().GetDocumentAsync(list);
            var card = page.QuerySelectorAll(".article-card").Single(c => c.QuerySelector($"a[href='{GazetteApp.UrlOf(article)}']") is not null);
            Assert.Equal("Protected", card.TextOf(".protected-label"));
            Assert.NotNull(card.QuerySelector(".protected-label svg.lock-mark[aria-hidden=true]"));
            Assert.Null(card.QuerySelector(".summary"));
            Assert.Null(card.QuerySelector(".card-image"));
            Assert.Null(card.QuerySelector(".comment-count"));
            AssertNoneOf(secrets, page.DocumentElement.OuterHtml, list);
        }
    }

    [Fact]
    public async Task StaffWhoMayEditItReadItWithoutThePasswordAndOthersDoNot()
    {
        var (article, secrets) = await ProtectedAsync();
        var url = GazetteApp.UrlOf(article);

        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var asEditor = await editor.GetDocumentAsync(url);
        Assert.Contains(secrets.Body, asEditor.TextOf(".article-body"), StringComparison.Ordinal);
        Assert.Contains("Password protected", asEditor.TextOf(".protected-note"), StringComparison.Ordinal);

        var otherAuthor = app.CreateBrowser();
        await app.SignInAsync(otherAuthor, StaffRoles.Author);
        AssertNoneOf(secrets, await otherAuthor.GetStringAsync(new Uri(url, UriKind.Relative)), "another author's view");
    }

    [Fact]
    public async Task APasswordPostFromAnotherSiteOrWithoutTheFormsTokenIsRefused()
    {
        var (article, _) = await ProtectedAsync();
        var url = GazetteApp.UrlOf(article);
        var form = (await app.CreateBrowser().GetDocumentAsync(url)).QuerySelector("form.password-form")!;
        var action = new Uri(form.GetAttribute("action")!, UriKind.Relative);
        var fields = FormFields.Of(form);
        fields["Password"] = Password;

        var crossSite = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        crossSite.Headers.Add("Origin", "https://elsewhere.example");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        var refused = await app.CreateBrowser().SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));

        fields.Remove("UnlockToken");
        var tokenless = await app.CreateBrowser().PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        Assert.Contains("did not come from this page", (await tokenless.ReadDocumentAsync()).TextOf("#password-problem"), StringComparison.Ordinal);

        // A token made for another article opens nothing here.
        var (other, _) = await ProtectedAsync();
        fields["UnlockToken"] = (await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(other)))
            .QuerySelector("input[name=UnlockToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateBrowser().PostAsync(action, new FormUrlEncodedContent(fields))).StatusCode);
    }

    [Fact]
    public async Task GuessingIsStoppedAfterTenWrongPasswords()
    {
        var (article, secrets) = await ProtectedAsync();
        var url = GazetteApp.UrlOf(article);
        var guesser = app.CreateBrowser();
        for (var i = 0; i < PasswordGuesses.WrongPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await GivePasswordAsync(guesser, url, "guess-" + i)).StatusCode);
        }

        var stopped = await GivePasswordAsync(guesser, url, Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.Contains("Too many wrong passwords", (await stopped.ReadDocumentAsync()).TextOf("#password-problem"), StringComparison.Ordinal);
        Assert.False(stopped.Headers.Contains("Set-Cookie"));
        AssertNoneOf(secrets, await stopped.Content.ReadAsStringAsync(), "the page that stops the guessing");
    }
}

public sealed class ProtectedArticlesOnSqlite(SqliteApp app) : ProtectedArticlesTests(app), IClassFixture<SqliteApp>;

public sealed class ProtectedArticlesOnPostgreSql(PostgreSqlApp app) : ProtectedArticlesTests(app), IClassFixture<PostgreSqlApp>;
