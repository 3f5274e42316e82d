using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.Syndication;
using Gazette.Tests.Features.Syndication;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>
/// Readers format comments with the tags WordPress allows in them (links, emphasis, quotes, code)
/// and line breaks; anything else they type shows as typed, and nothing they type becomes active.
/// Whatever shows a comment as plain text (the feeds' summaries, the moderators' email) gets its words.
/// </summary>
public abstract class FormattingACommentTests(GazetteApp app)
{
    private const string Formatted = """
        The <em>new</em> timetable is <a href="https://harbour.example.org/timetable">online</a>, and <strong>free</strong>.
        Second line.

        <blockquote>The night ferry sails at <b>22:40</b>.</blockquote>
        Set a reminder: <code>at 22:00</code>
        """;

    private static readonly string[] KeptAttributes = ["href", "rel", "title"];

    private const string Hostile = """
        <script>alert('script')</script> <a href="javascript:alert('href')" onclick="alert('click')">click</a>
        <img src="x" onerror="alert('img')"> <iframe src="https://evil.example/"></iframe>
        <em style="color:red" onmouseover="alert('em')">styled</em> <p style="color:red">paragraph</p>
        """;

    /// <summary>A reader whose name and email were approved before: their comment is published at once.</summary>
    private async Task<(HttpClient Browser, Dictionary<string, string> Fields)> RegularAsync()
    {
        var email = app.Unique("regular") + "@example.org";
        await app.AddCommentAsync(await app.CreateArticleAsync(), c => { c.AuthorName = "Ilse Brandt"; c.AuthorEmail = email; });
        return (app.CreateBrowser(), new() { ["Form.Name"] = "Ilse Brandt", ["Form.Email"] = email });
    }

    private async Task<(Article Article, Comment Comment, IHtmlDocument Page)> PostAsync(string text)
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var (browser, fields) = await RegularAsync();
        fields["Form.Text"] = text;
        var response = await browser.PostFormAsync(url, url, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var comment = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        Assert.Equal(CommentStatus.Approved, comment.Status);
        // Another reader, who did not write it, reads the page.
        return (article, comment, await app.CreateBrowser().GetDocumentAsync(url));
    }

    private static IElement TextOf(IHtmlDocument page, int id) =>
        page.QuerySelector($"#comment-{id} > article .comment-text") ?? throw new InvalidOperationException($"comment {id} is not shown");

    [Fact]
    public async Task ShowsLinksEmphasisQuotesCodeAndLineBreaks()
    {
        var (_, comment, page) = await PostAsync(Formatted);

        var text = TextOf(page, comment.Id);
        var link = Assert.Single(text.QuerySelectorAll("a"));
        Assert.Equal("https://harbour.example.org/timetable", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc", link.GetAttribute("rel"));
        Assert.Equal("online", link.TextContent);
        Assert.Equal("new", text.QuerySelector("p > em")!.TextContent);
        Assert.Equal("free", text.QuerySelector("p > strong")!.TextContent);
        var paragraphs = text.QuerySelectorAll(":scope > p");
        Assert.Equal(2, paragraphs.Length);
        Assert.Single(paragraphs[0].QuerySelectorAll("br"));
        Assert.EndsWith("Second line.", paragraphs[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("The night ferry sails at 22:40.", text.QuerySelector(":scope > blockquote > p")!.TextContent);
        Assert.Equal("22:40", text.QuerySelector("blockquote b")!.TextContent);
        Assert.Equal("at 22:00", paragraphs[1].QuerySelector("code")!.TextContent);
        // The text is kept as typed, for its author to edit; the HTML is made once, when it is saved.
        Assert.Equal(Formatted, comment.Text);
        Assert.Contains("<blockquote><p>The night ferry sails at <b>22:40</b>.</p></blockquote>", comment.TextHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowsAnyOtherMarkupAsTypedAndNothingOfItIsActive()
    {
        var (_, comment, page) = await PostAsync(Hostile);

        var text = TextOf(page, comment.Id);
        Assert.Empty(text.QuerySelectorAll("script, img, iframe, [style], [onclick], [onmouseover], [onerror]"));
        Assert.All(text.QuerySelectorAll("*"), element => Assert.All(element.Attributes, attribute =>
            Assert.Contains(attribute.Name, KeptAttributes)));
        Assert.All(text.QuerySelectorAll("a"), a => Assert.Null(a.GetAttribute("href")));
        var shown = text.TextContent;
        Assert.Contains("<script>alert('script')</script>", shown, StringComparison.Ordinal);
        Assert.Contains("<img src=\"x\" onerror=\"alert('img')\">", shown, StringComparison.Ordinal);
        Assert.Contains("<iframe src=\"https://evil.example/\"></iframe>", shown, StringComparison.Ordinal);
        Assert.Contains("<p style=\"color:red\">paragraph</p>", shown, StringComparison.Ordinal);
        Assert.Equal("styled", text.QuerySelector("em")!.TextContent);
        Assert.Equal("click", text.QuerySelector("a")!.TextContent);
        // And nowhere on the page.
        Assert.Empty(page.QuerySelectorAll("iframe, [onclick], [onerror], [onmouseover], a[href^='javascript' i]"));
        Assert.DoesNotContain(page.Scripts, s => s.TextContent.Contains("alert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShowsTheWordsAndLinkAddressesInFeedsAndTheFeedsStayValid()
    {
        var (article, comment, _) = await PostAsync(Formatted + "\n" + Hostile);
        var commentUrl = $"http://localhost/comments/{comment.Id}";
        var browser = app.CreateBrowser();

        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            foreach (var url in new[] { SyndicationLinks.Comments(format), SyndicationLinks.ArticleComments(GazetteApp.UrlOf(article), format) })
            {
                var body = await browser.GetFeedAsync(url, format);
                var fields = FeedFields.Read(body, format);
                var problems = fields.SelectMany(FeedFields.Problems).ToList();
                Assert.True(problems.Count == 0, $"{url}:\n{string.Join("\n", problems)}");
                var summary = Assert.Single(fields, f => f.Entry == commentUrl && f.Name == (format switch
                {
                    FeedFormat.Rss => "description",
                    _ => "summary",
                })).Shown;
                Assert.StartsWith("The new timetable is online (https://harbour.example.org/timetable), and free.\nSecond line.\n\nThe night ferry sails at 22:40.", summary, StringComparison.Ordinal);
                Assert.Contains("<script>alert('script')</script> click", summary, StringComparison.Ordinal);
                var content = Assert.Single(fields, f => f.Entry == commentUrl && f.Name == (format switch
                {
                    FeedFormat.Rss => "content:encoded",
                    FeedFormat.Atom => "content",
                    _ => "content_html",
                }));
                Assert.Contains("<em>new</em>", content.Value, StringComparison.Ordinal);
                Assert.Contains("<script>alert('script')</script>", content.Shown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task TellsTheModeratorsTheWordsAndLinkAddressesWithoutTags()
    {
        var moderatorName = await app.SignInAsAdministratorAsync(app.CreateBrowser());
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);

        await app.CreateBrowser().PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "First Timer",
            ["Form.Email"] = app.Unique("first") + "@example.org",
            ["Form.Text"] = "Is the <em>timetable</em> at <a href=\"https://harbour.example.org/t\">this page</a> right?",
        });

        var email = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == moderatorName + "@example.org" && m.Subject.Contains(article.Title)));
        Assert.Contains("Is the timetable at this page (https://harbour.example.org/t) right?", email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormatsAnEditedCommentAndAModeratorsReplyTheSameWay()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var browser = app.CreateBrowser();
        await browser.PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Oskar",
            ["Form.Email"] = app.Unique("oskar") + "@example.org",
            ["Form.Text"] = "Plain at first.",
        });
        var comment = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == article.Id));
        var edit = $"/comments/{comment.Id}/edit";
        var form = await browser.GetDocumentAsync(edit);
        Assert.Contains("<a href=\"\" title=\"\">", form.TextOf("#text-hint"), StringComparison.Ordinal);
        Assert.Contains("text-hint", form.QuerySelector("textarea")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);

        await browser.PostFormAsync(edit, edit + "?handler=Save", new() { ["Text"] = "Now <strong>bold</strong> <script>x()</script>" });

        var edited = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == comment.Id));
        Assert.Equal("<p>Now <strong>bold</strong> &lt;script&gt;x()&lt;/script&gt;</p>", edited.TextHtml);

        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);
        var queue = await moderator.GetDocumentAsync("/admin/comments");
        var replyForm = queue.GetElementById($"reply-form-{comment.Id}")!;
        Assert.Contains("<blockquote>", queue.TextOf($"#reply-hint-{comment.Id}"), StringComparison.Ordinal);
        var response = await moderator.PostAsync(new Uri("/admin/comments?handler=Reply", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["replyTo"] = comment.Id.ToString(CultureInfo.InvariantCulture),
            ["replyText"] = "See <a href=\"https://harbour.example.org/t\">the timetable</a>.<img src=x onerror=alert(1)>",
            ["status"] = nameof(CommentStatus.Pending),
            ["__RequestVerificationToken"] = replyForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await app.CreateBrowser().GetDocumentAsync(url);
        var reply = page.QuerySelector($"#comment-{comment.Id} ol.children li.comment .comment-text")!;
        Assert.Equal("nofollow ugc", reply.QuerySelector("a[href='https://harbour.example.org/t']")!.GetAttribute("rel"));
        Assert.Null(reply.QuerySelector("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", reply.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaysUnderTheCommentFieldWhichTagsMayBeUsed()
    {
        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(await app.CreateArticleAsync()));

        var hint = page.TextOf("#respond #text-hint");
        foreach (var tag in new[] { "<a href=\"\" title=\"\">", "<em>", "<strong>", "<blockquote>", "<code>", "<q>", "<cite>", "<del>", "<strike>", "<abbr title=\"\">" })
        {
            Assert.Contains(tag, hint, StringComparison.Ordinal);
        }
        Assert.Equal("error-text text-hint", page.QuerySelector("#respond textarea[name='Form.Text']")!.GetAttribute("aria-describedby"));
    }
}

public sealed class FormattingACommentOnSqlite(SqliteApp app) : FormattingACommentTests(app), IClassFixture<SqliteApp>;

public sealed class FormattingACommentOnPostgreSql(PostgreSqlApp app) : FormattingACommentTests(app), IClassFixture<PostgreSqlApp>;
