using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Pages;

public abstract class ArticlePageTests(GazetteApp app)
{
    private Task<string> DemoPathAsync() => app.DemoArticleUrlAsync();

    [Fact]
    public async Task ShowsEveryPartOfTheArticle()
    {
        var page = await app.CreateBrowser().GetDocumentAsync(await DemoPathAsync());

        Assert.Equal("Night ferry returns to Kestrel Bay after eleven years", page.TextOf("article h1"));
        Assert.Equal("Image source: Gazette demo illustration", page.TextOf(".featured-image figcaption .credit"));
        Assert.NotEmpty(page.QuerySelector(".featured-image img")!.GetAttribute("alt")!);
        Assert.Equal("By Mara Lindqvist", page.TextOf(".byline .author"));
        Assert.NotNull(page.QuerySelector(".byline time[datetime]"));
        Assert.Equal(
            ["A smaller boat, built for the job", "What it costs", "What happens next"],
            page.QuerySelectorAll(".article-body h2").Select(h => h.TextContent.Trim()));
        Assert.Contains("Harbour", page.TextOf(".article-terms"));
        Assert.Contains("Ferries", page.TextOf(".article-terms"));
    }

    [Fact]
    public async Task ThreadsRepliesUnderTheirParent()
    {
        var page = await app.CreateBrowser().GetDocumentAsync(await DemoPathAsync());

        var topLevel = page.QuerySelectorAll(".comment-list > li.comment");
        Assert.Single(topLevel);
        var reply = topLevel[0].QuerySelector("ol.children > li.comment");
        Assert.NotNull(reply);
        Assert.Contains("Ilse from the harbour office", reply.TextContent);
        Assert.Equal("2 comments", page.TextOf("#comments-title"));
    }

    [Fact]
    public async Task OffersTheLeaveAReplyForm()
    {
        var page = await app.CreateBrowser().GetDocumentAsync(await DemoPathAsync());

        Assert.Equal("Leave a Reply", page.TextOf("#reply-title"));
        Assert.Equal("Your email address will not be published. Required fields are marked *", page.TextOf(".form-notice"));
        foreach (var (field, label) in new[] { ("Form_Name", "Name *"), ("Form_Email", "Email *"), ("Form_Website", "Website"), ("Form_Text", "Comment *") })
        {
            Assert.NotNull(page.GetElementById(field));
            Assert.Equal(label, page.QuerySelector($"label[for={field}]")!.TextContent.Trim());
        }
        Assert.NotEmpty(page.QuerySelector("form.comment-form input[name='Form.Token']")!.GetAttribute("value")!);
    }

    [Fact]
    public async Task ReplyLinkTargetsTheFormAtThatComment()
    {
        var article = await app.CreateArticleAsync();
        var comment = await app.AddCommentAsync(article, c => c.AuthorName = "Ada Byrne");
        var url = GazetteApp.UrlOf(article);
        var page = await app.CreateBrowser().GetDocumentAsync(url);
        var link = page.QuerySelector($"#comment-{comment.Id} .reply-link")!.GetAttribute("href");
        Assert.Equal($"?replyTo={comment.Id}#respond", link);

        var replying = await app.CreateBrowser().GetDocumentAsync(url + $"?replyTo={comment.Id}");
        Assert.StartsWith("Leave a Reply to Ada Byrne", replying.TextOf("#reply-title"));
        Assert.Equal(comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            replying.QuerySelector("input[name='Form.ParentId']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task DisplaysAnImportedThreadTenLevelsDeep()
    {
        var article = await app.CreateArticleAsync();
        int? parent = null;
        for (var level = 1; level <= 10; level++)
        {
            var above = parent;
            var depth = level;
            parent = (await app.AddCommentAsync(article, c => { c.ParentId = above; c.Text = $"Level {depth}"; })).Id;
        }

        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));

        var deepest = page.GetElementById($"comment-{parent}")!;
        Assert.Contains("Level 10", deepest.TextContent, StringComparison.Ordinal);
        var ancestors = 0;
        for (var node = deepest.ParentElement; node is not null; node = node.ParentElement)
        {
            ancestors += node.ClassList.Contains("comment") ? 1 : 0;
        }
        Assert.Equal(9, ancestors);
    }

    [Fact]
    public async Task NeverShowsACommentersEmail()
    {
        var article = await app.CreateArticleAsync();
        await app.AddCommentAsync(article, c => c.AuthorEmail = "hidden.person@example.net");
        var html = await app.CreateBrowser().GetStringAsync(
            new Uri(GazetteApp.UrlOf(article), UriKind.Relative));
        Assert.DoesNotContain("hidden.person", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@example.net", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HidesDraftsFromReaders()
    {
        var draft = await app.CreateArticleAsync(a => a.Status = ArticleStatus.Draft);
        var response = await app.CreateBrowser().GetAsync(
            new Uri(GazetteApp.UrlOf(draft), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RedirectsAWrongDateToTheRightOne()
    {
        var article = await app.CreateArticleAsync();
        var response = await app.CreateBrowser().GetAsync(new Uri($"/1999/01/{article.Slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(GazetteApp.UrlOf(article), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ShowsWhoWroteItUnderTheArticleWithTheirBio()
    {
        var page = await app.CreateBrowser().GetDocumentAsync(await DemoPathAsync());

        var box = page.QuerySelector("article aside.author-box")!;
        Assert.Equal("Mara Lindqvist", box.TextOf(".author-name"));
        Assert.Equal("Mara covers transport and the harbour for the Gazette.", box.TextOf(".author-bio"));
        Assert.Equal("/author/mara-lindqvist", box.QuerySelector(".author-more a")!.GetAttribute("href"));
        Assert.Equal("ML", box.TextOf(".avatar"));
    }

    [Fact]
    public async Task EscapesCommentTextButTheTagsCommentsMayUse()
    {
        var article = await app.CreateArticleAsync();
        await app.AddCommentAsync(article, c => c.Text = "<script>alert(1)</script> & <b>bold</b>");
        var html = await app.CreateBrowser().GetStringAsync(
            new Uri(GazetteApp.UrlOf(article), UriKind.Relative));
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; <b>bold</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksAStylesheetThatArrivesWhateverTheEncodingAsked()
    {
        var browser = app.CreateBrowser();
        var page = await browser.GetDocumentAsync(await DemoPathAsync());
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(href, UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        // Compressed once, in the best encoding asked for (this client does not decompress by itself).
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var brotli = new System.IO.Compression.BrotliStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var css = new StreamReader(brotli);
        Assert.Contains(".article-body", await css.ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendsStrictSecurityHeaders()
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(await DemoPathAsync(), UriKind.Relative));
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }
}

public sealed class ArticlePageOnSqlite(SqliteApp app) : ArticlePageTests(app), IClassFixture<SqliteApp>;

public sealed class ArticlePageOnPostgreSql(PostgreSqlApp app) : ArticlePageTests(app), IClassFixture<PostgreSqlApp>;
