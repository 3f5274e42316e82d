using System.Net;
using System.Net.Http.Headers;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

public abstract class NewsroomTests(GazetteApp app)
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/articles/edit")]
    [InlineData("/admin/comments")]
    public async Task SendsStrangersToSignIn(string url)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/signin?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNewsroomIsKeptByNoCache()
    {
        var browser = app.CreateBrowser();
        var signIn = await browser.GetAsync(new Uri("/admin/signin", UriKind.Relative));
        await app.SignInAsAdministratorAsync(browser);
        var dashboard = await browser.GetAsync(new Uri("/admin", UriKind.Relative));

        // Back on a shared computer after signing out, the browser shows none of it again from its cache.
        Assert.True(signIn.Headers.CacheControl?.NoStore, "the sign-in page is sent no-store");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.True(dashboard.Headers.CacheControl?.NoStore, "the dashboard is sent no-store");
    }

    [Fact]
    public async Task RefusesAWrongPassword()
    {
        var response = await app.CreateBrowser().PostFormAsync("/admin/signin", "/admin/signin", new()
        {
            ["UserName"] = "admin",
            ["Password"] = "not-the-password",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("do not match", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal("admin", page.QuerySelector("input[name=UserName]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task SavesADraftThenPublishesIt()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var title = "Council votes on " + app.Unique("harbour wall");
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title,
            ["Form.Body"] = "The vote is on Thursday.\n\n## Why it matters\n\nThe wall is old.",
            ["Form.Tags"] = "Council, Harbour wall",
            ["Form.NewCategory"] = "Politics " + app.Unique("p"),
            ["Form.CommentsOpen"] = "true",
            ["Form.FeaturedImageUrl"] = "https://images.example.org/wall.jpg",
            ["Form.FeaturedImageAlt"] = "The harbour wall at low tide",
            ["Form.FeaturedImageCredit"] = "Harbour Board",
            ["intent"] = "draft",
        };

        var saved = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.Include(a => a.Tags).Include(a => a.Categories).SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Null(article.PublishedAt);
        Assert.Equal(["council", "harbour-wall"], article.Tags.Select(t => t.Slug).Order());
        Assert.Single(article.Categories);
        Assert.Contains("<h2 id=\"why-it-matters\">Why it matters</h2>", article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal("The vote is on Thursday. The wall is old.", article.Summary);
        var home = await app.CreateBrowser().GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain(title, home, StringComparison.Ordinal);

        var editUrl = $"/admin/articles/edit/{article.Id}";
        var editor = await browser.GetDocumentAsync(editUrl);
        Assert.Equal(title, editor.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));
        fields["intent"] = "publish";
        fields.Remove("Form.NewCategory");
        var published = await browser.PostFormAsync(editUrl, editUrl, fields);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == article.Id));
        Assert.Equal(ArticleStatus.Published, article.Status);
        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));
        Assert.Equal(title, page.TextOf("article h1"));
        Assert.Equal("Image source: Harbour Board", page.TextOf(".featured-image .credit"));
        Assert.Equal("Why it matters", page.TextOf(".article-body h2"));
    }

    [Fact]
    public async Task KeepsWhatWasTypedWhenTheSlugIsTaken()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var existing = await app.CreateArticleAsync();

        var response = await browser.PostFormAsync("/admin/articles/edit", "/admin/articles/edit", new()
        {
            ["Form.Title"] = "A second story",
            ["Form.Slug"] = existing.Slug,
            ["Form.Body"] = "Words that must not be lost.",
            ["intent"] = "publish",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("already uses the slug", page.TextOf("[data-valmsg-for='Form.Slug']"), StringComparison.Ordinal);
        Assert.Equal("Words that must not be lost.", page.QuerySelector("textarea[name='Form.Body']")!.TextContent.Trim());
    }

    [Fact]
    public async Task UploadsAFeaturedImageAndRefusesAFileThatIsNotOne()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var title = "Pictured: " + app.Unique("dawn");

        var accepted = await PostWithFileAsync(browser, title, "dawn.jpg", await browser.GetByteArrayAsync(new Uri("/demo/harbour-dawn.jpg", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Matches(@"^/media/\d{4}/\d{2}/dawn-[0-9a-f]{10}\.jpg$", article.FeaturedImageUrl);
        var image = await browser.GetAsync(new Uri(article.FeaturedImageUrl!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);

        var refused = await PostWithFileAsync(browser, "Not a picture", "notes.jpg", "just some text, not a JPEG"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("is not a JPEG, PNG, GIF or WebP image", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal("Not a picture", page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == "Not a picture")));
    }

    [Fact]
    public async Task ModeratorsApproveSpamAndTrashComments()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var article = await app.CreateArticleAsync();
        var good = await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Pending; c.Text = "Worth reading " + app.Unique("g"); });
        var spam = await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Pending; c.Text = "Cheap pills " + app.Unique("s"); });

        var queue = await browser.GetDocumentAsync("/admin/comments");
        Assert.Contains(good.Text, queue.TextOf($"#comment-{good.Id}"), StringComparison.Ordinal);
        Assert.Contains(good.AuthorEmail, queue.TextOf($"#comment-{good.Id}"), StringComparison.Ordinal);

        await Moderate(good.Id, CommentStatus.Approved);
        await Moderate(spam.Id, CommentStatus.Spam);

        var page = await app.CreateBrowser().GetStringAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative));
        Assert.Contains(good.Text, page, StringComparison.Ordinal);
        Assert.DoesNotContain(spam.Text, page, StringComparison.Ordinal);
        var spamQueue = await browser.GetDocumentAsync("/admin/comments?status=Spam");
        Assert.NotNull(spamQueue.GetElementById($"comment-{spam.Id}"));

        await Moderate(spam.Id, CommentStatus.Trash);
        Assert.Equal(CommentStatus.Trash, await app.WithDbAsync(db => db.Comments.Where(c => c.Id == spam.Id).Select(c => c.Status).SingleAsync()));

        async Task Moderate(int id, CommentStatus to)
        {
            var response = await browser.PostFormAsync("/admin/comments", "/admin/comments", new()
            {
                ["act"] = $"{to}:{id}",
                ["status"] = nameof(CommentStatus.Pending),
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    [Fact]
    public async Task StaffChangeTheirPasswordAndByline()
    {
        var browser = app.CreateBrowser();
        var userName = await app.SignInAsAdministratorAsync(browser);

        var wrong = await browser.PostFormAsync("/admin/account/password", "/admin/account/password", new()
        {
            ["Current"] = "not my password",
            ["New"] = "a-brand-new-Password-1",
            ["Confirm"] = "a-brand-new-Password-1",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongPage = await wrong.ReadDocumentAsync();
        Assert.Contains("current password is not right", wrongPage.TextOf("[data-valmsg-for=Current]"), StringComparison.Ordinal);

        var changed = await browser.PostFormAsync("/admin/account/password", "/admin/account/password", new()
        {
            ["Current"] = "correct-horse-Battery-9",
            ["New"] = "a-brand-new-Password-1",
            ["Confirm"] = "a-brand-new-Password-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var profile = await browser.PostFormAsync("/admin/account", "/admin/account", new()
        {
            ["Profile.DisplayName"] = "Rosa Quint",
            ["Profile.Email"] = userName + "@example.org",
            ["Profile.Bio"] = "Covers the courts.",
        });
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);

        var again = app.CreateBrowser();
        var signIn = await again.PostFormAsync("/admin/signin", "/admin/signin", new()
        {
            ["UserName"] = userName,
            ["Password"] = "a-brand-new-Password-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authorPage = await app.CreateBrowser().GetDocumentAsync("/author/" + userName);
        Assert.Equal("Rosa Quint", authorPage.TextOf(".archive-header h1"));
        Assert.Equal("Covers the courts.", authorPage.TextOf(".archive-description"));
    }

    [Fact]
    public async Task ModeratorsActOnTickedCommentsAndCanUndo()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var article = await app.CreateArticleAsync();
        var marker = app.Unique("bulk");
        var comments = new List<Comment>();
        for (var i = 0; i < 3; i++)
        {
            comments.Add(await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Pending; c.Text = $"{marker} number {i}"; }));
        }

        var found = await browser.GetDocumentAsync($"/admin/comments?q={marker}");
        Assert.Equal(3, found.QuerySelectorAll(".moderation-item").Length);

        var fields = new List<KeyValuePair<string, string>>
        {
            new("act", nameof(CommentStatus.Spam)),
            new("status", nameof(CommentStatus.Pending)),
            new("ids", comments[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ids", comments[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var token = found.QuerySelector("form.moderation-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        fields.Add(new("__RequestVerificationToken", token));
        var bulk = await browser.PostAsync(new Uri("/admin/comments", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);

        var after = await browser.GetDocumentAsync(bulk.Headers.Location!.OriginalString);
        Assert.Contains("2 comments marked as spam.", after.TextOf(".notice"), StringComparison.Ordinal);
        Assert.Equal([CommentStatus.Spam, CommentStatus.Spam, CommentStatus.Pending], await StatusesAsync());

        var history = await browser.GetDocumentAsync($"/admin/comments?email={Uri.EscapeDataString(comments[0].AuthorEmail)}");
        Assert.NotNull(history.GetElementById($"comment-{comments[0].Id}"));

        var undoForm = after.QuerySelector("form input[name=moves]")!;
        var undo = await browser.PostAsync(new Uri("/admin/comments?handler=Undo", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["moves"] = undoForm.GetAttribute("value")!,
            ["status"] = nameof(CommentStatus.Pending),
            ["__RequestVerificationToken"] = after.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        Assert.Equal([CommentStatus.Pending, CommentStatus.Pending, CommentStatus.Pending], await StatusesAsync());

        Task<List<CommentStatus>> StatusesAsync() => app.WithDbAsync(db => db.Comments
            .Where(c => c.ArticleId == article.Id).OrderBy(c => c.Id).Select(c => c.Status).ToListAsync());
    }

    [Fact]
    public async Task ModeratorsDeleteTrashedCommentsForGoodKeepingTheirRepliesAndFindCommentsByAddress()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(browser);
        var article = await app.CreateArticleAsync();
        var trashed = await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Trash; c.AuthorIp = "192.0.2.0"; });
        var reply = await app.AddCommentAsync(article, c => c.ParentId = trashed.Id);

        var found = await browser.GetDocumentAsync("/admin/comments?status=Trash&q=192.0.2.");
        Assert.NotNull(found.GetElementById($"comment-{trashed.Id}"));

        var response = await browser.PostFormAsync("/admin/comments?status=Trash", "/admin/comments", new()
        {
            ["act"] = $"Delete:{trashed.Id}",
            ["status"] = nameof(CommentStatus.Trash),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == trashed.Id)));
        var kept = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == reply.Id));
        Assert.Null(kept.ParentId);
        Assert.Equal(CommentStatus.Approved, kept.Status);
    }

    [Fact]
    public async Task ModeratorsReplyFromTheQueueApprovingTheComment()
    {
        var browser = app.CreateBrowser();
        var staffName = await app.SignInAsAdministratorAsync(browser);
        var article = await app.CreateArticleAsync();
        var question = await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Pending; c.Text = "When is the vote? " + app.Unique("v"); });
        var queue = await browser.GetDocumentAsync("/admin/comments");
        var form = queue.GetElementById($"reply-form-{question.Id}")!;
        Assert.NotNull(queue.QuerySelector($"textarea[form='reply-form-{question.Id}']"));

        var response = await browser.PostAsync(new Uri("/admin/comments?handler=Reply", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["replyTo"] = question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["replyText"] = "Thursday at seven, in the town hall.",
            ["status"] = nameof(CommentStatus.Pending),
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));
        var reply = page.QuerySelector($"#comment-{question.Id} ol.children li.comment")!;
        Assert.Contains("Thursday at seven", reply.TextContent, StringComparison.Ordinal);
        Assert.Contains("Editor " + staffName, reply.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostWithFileAsync(HttpClient browser, string title, string fileName, byte[] bytes)
    {
        var editor = await browser.GetDocumentAsync("/admin/articles/edit");
        var token = editor.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "Form.Title" },
            { new StringContent("A picture story."), "Form.Body" },
            { new StringContent("Harbour at dawn"), "Form.FeaturedImageAlt" },
            { new StringContent("publish"), "intent" },
            { file, "FeaturedImage", fileName },
        };
        return await browser.PostAsync(new Uri("/admin/articles/edit", UriKind.Relative), form);
    }
}

public sealed class NewsroomOnSqlite(SqliteApp app) : NewsroomTests(app), IClassFixture<SqliteApp>;

public sealed class NewsroomOnPostgreSql(PostgreSqlApp app) : NewsroomTests(app), IClassFixture<PostgreSqlApp>;
