using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Gazette.Tests.Pages;

/// <summary>
/// A commenter's email is never published: not in any public page, file or header, not in another
/// case, and not as the unkeyed hash (Gravatar's MD5, or SHA-1/SHA-256) anyone could match to a list.
/// </summary>
[SuppressMessage("Security", "CA5350:weak hash", Justification = "The test looks for these unkeyed hashes in what the site serves.")]
[SuppressMessage("Security", "CA5351:broken hash", Justification = "The test looks for these unkeyed hashes in what the site serves.")]
public abstract class NoEmailInPublicResponsesTests(GazetteApp app, ITestOutputHelper output)
{
    private const int CrawlCap = 500;

    private sealed record Commenter(string Name, string Email);

    // Emails as the commenters typed them: odd case, a plus tag, spaces around one.
    private static readonly Commenter Petra = new("Petra Lund", "Petra.Lund+X@Example.ORG");
    private static readonly Commenter Noor = new("Noor Haddad", "  Noor.Haddad@Example.COM ");
    private static readonly Commenter Tomas = new("Tomas Reyes", "TOMAS.REYES@EXAMPLE.NET");
    private static readonly Commenter Sami = new("Sami Virtanen", "sami.virtanen@example.org");
    private static readonly Commenter Ines = new("Ines Moreau", "Ines.Moreau@Example.org");

    // Explicit URLs beside the crawl: the usual places for feeds, sitemaps and JSON, whether or not they exist.
    private static readonly string[] WellKnown =
    [
        "/robots.txt", "/sitemap.xml", "/sitemap-pages-1.xml", "/sitemap-posts-1.xml", "/sitemap-categories-1.xml",
        "/sitemap-tags-1.xml", "/sitemap-authors-1.xml", "/sitemap-news.xml", "/sitemap_index.xml",
        "/feed", "/feed/atom", "/feed/json", "/feed.xml", "/rss", "/rss.xml", "/atom.xml",
        "/comments/feed", "/comments/feed/atom", "/comments/feed/json", "/author/mara-lindqvist/feed/json",
        "/api/comments", "/api/articles", "/wp-json/wp/v2/comments", "/comments.json",
        "/comments/my-data", "/comments/my-data/export", "/comments/my-data/erase",
        "/comments/replies/confirm", "/comments/replies/unsubscribe", "/no-such-page", "/?page=2",
    ];

    [Fact]
    public async Task NoPublicResponseCarriesAnEmailOrItsHash()
    {
        var (first, second, moderatorName) = await ArrangeConversationAsync();
        var secrets = await SecretsAsync();
        var articleUrls = new[] { GazetteApp.UrlOf(first), GazetteApp.UrlOf(second) };
        var commentIds = await app.WithDbAsync(db => db.Comments.Select(c => c.Id).ToListAsync());
        var starts = new List<string> { "/" };
        starts.AddRange(WellKnown);
        starts.AddRange(articleUrls.SelectMany(url => new[] { url, url + "/feed", url + "/feed/atom", url + "/feed/json" }));
        starts.AddRange(commentIds.Select(id => FormattableString.Invariant($"/comments/{id}/edit")));
        starts.AddRange(commentIds.Select(id => FormattableString.Invariant($"{articleUrls[0]}?replyTo={id}")));

        var crawled = await SiteCrawl.RunAsync(app.CreateBrowser(), starts, CrawlCap);

        foreach (var response in crawled)
        {
            output.WriteLine($"{response.Status} {response.Url}{(response.Linked ? "" : " (listed, not linked)")}");
        }
        var leaks = (
            from response in crawled
            from place in new[] { (Where: "headers", Text: response.Headers), (Where: "body", Text: response.Body), (Where: "decoded body", Text: Decoded(response.Body)) }
            from secret in secrets
            where place.Text.Contains(secret.Value, StringComparison.OrdinalIgnoreCase)
            select $"{response.Url}: the {place.Where} hold {secret.What}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        // Not vacuous: the crawl reached the conversations by following links, and they show who wrote.
        Assert.InRange(crawled.Count, 40, CrawlCap - 1);
        var archives = new[] { "/category/" + first.Categories.Single().Slug, "/tag/" + first.Tags.Single().Slug, "/author/mara-lindqvist" };
        foreach (var url in articleUrls.Concat(archives))
        {
            Assert.Contains(crawled, r => r.Url == url && r.Status == 200 && r.Linked);
        }
        var conversations = string.Join("\n", crawled.Where(r => articleUrls.Contains(r.Url)).Select(r => Decoded(r.Body)));
        foreach (var name in new[] { Petra.Name, Noor.Name, Tomas.Name, Sami.Name, moderatorName })
        {
            Assert.Contains(name, conversations, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(crawled, r => Decoded(r.Body).Contains(Ines.Name, StringComparison.Ordinal));

        // The feeds and sitemaps were read, and the comment feeds name the commenters whose emails they must not show.
        foreach (var url in new[] { "/feed", "/feed/json", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt", articleUrls[0] + "/feed/json" })
        {
            Assert.Contains(crawled, r => r.Url == url && r.Status == 200);
        }
        var commentFeeds = string.Join("\n", crawled.Where(r => r.Url.StartsWith("/comments/feed", StringComparison.Ordinal) && r.Status == 200).Select(r => r.Body));
        foreach (var name in new[] { Petra.Name, Noor.Name, Tomas.Name, Sami.Name })
        {
            Assert.Contains(name, commentFeeds, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Two articles with comments approved every way a comment can be: by a moderator, at once for
    /// a commenter approved before, by a moderator's reply, and in the database; replies; and some
    /// left pending.
    /// </summary>
    private async Task<(Article First, Article Second, string ModeratorName)> ArrangeConversationAsync()
    {
        var terms = app.Unique("ferries");
        var first = await app.CreateArticleAsync(a =>
        {
            a.Categories.Add(new Category { Name = "Ferries " + terms, Slug = "ferries-" + terms });
            a.Tags.Add(new Tag { Name = "Timetables " + terms, Slug = "timetables-" + terms });
        });
        var second = await app.CreateArticleAsync();
        var moderator = app.CreateBrowser();
        var moderatorUserName = await app.SignInAsAdministratorAsync(moderator);

        var petraFirst = await PostAsync(first, Petra, "The old night boat was always late; I hope this one keeps time.");
        await ModerateAsync(moderator, "/admin/comments", new() { ["act"] = $"Approved:{petraFirst}", ["status"] = "Pending" });
        var petraAgain = await PostAsync(second, Petra with { Email = Petra.Email.ToUpperInvariant() }, "Will the winter timetable change as well?");
        var noorReply = await PostAsync(first, Noor, "It kept time all last week, twice I took it.", replyTo: petraFirst);
        await app.WithDbAsync(db => db.Comments.Where(c => c.Id == noorReply).ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CommentStatus.Approved)));
        var tomasReply = await PostAsync(first, Tomas, "Does the late boat still stop at the north pier?", replyTo: noorReply);
        await ModerateAsync(moderator, "/admin/comments?handler=Reply", new()
        {
            ["replyTo"] = tomasReply.ToString(CultureInfo.InvariantCulture), ["replyText"] = "Yes, every night at ten.", ["status"] = "Pending",
        });
        var sami = await PostAsync(second, Sami, "Good to see the harbour busy again in the evenings.");
        await app.WithDbAsync(db => db.Comments.Where(c => c.Id == sami).ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CommentStatus.Approved)));
        var ines = await PostAsync(second, Ines, "I would like to know the price of a return ticket.");
        var inesReply = await PostAsync(first, Ines, "And is there a discount for students?", replyTo: petraFirst);

        var statuses = await app.WithDbAsync(db => db.Comments.ToDictionaryAsync(c => c.Id, c => c.Status));
        Assert.All(new[] { petraFirst, petraAgain, noorReply, tomasReply, sami }, id => Assert.Equal(CommentStatus.Approved, statuses[id]));
        Assert.All(new[] { ines, inesReply }, id => Assert.Equal(CommentStatus.Pending, statuses[id]));
        var moderatorName = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == moderatorUserName).Select(u => u.DisplayName).SingleAsync());
        return (first, second, moderatorName);
    }

    private async Task<int> PostAsync(Article article, Commenter who, string text, int? replyTo = null)
    {
        var url = GazetteApp.UrlOf(article);
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = who.Name,
            ["Form.Email"] = who.Email,
            ["Form.Website"] = "https://" + who.Name.Split(' ')[0].ToLowerInvariant() + ".example.org",
            ["Form.Text"] = text,
            ["Form.NotifyReplies"] = "true",
        };
        if (replyTo is { } parent)
        {
            fields["Form.ParentId"] = parent.ToString(CultureInfo.InvariantCulture);
        }
        var response = await app.CreateBrowser().PostFormAsync(url, url, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == article.Id && c.Text == text).Select(c => c.Id).SingleAsync());
    }

    private static async Task ModerateAsync(HttpClient moderator, string postUrl, Dictionary<string, string> fields)
    {
        var response = await moderator.PostFormAsync("/admin/comments", postUrl, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Every email the site holds (commenters' as typed and as stored, and staff's), and the unkeyed
    /// hashes of each as typed and trimmed-lowercased.
    /// </summary>
    private async Task<List<(string What, string Value)>> SecretsAsync()
    {
        var stored = await app.WithDbAsync(async db =>
            (await db.Comments.Select(c => c.AuthorEmail).ToListAsync()).Concat(await db.Users.Select(u => u.Email!).ToListAsync()).ToList());
        var emails = new[] { Petra, Noor, Tomas, Sami, Ines }.Select(c => c.Email).Concat(stored).Distinct(StringComparer.Ordinal);
        var secrets = new List<(string What, string Value)>();
        foreach (var email in emails)
        {
            secrets.Add(($"the email {email.Trim()}", email.Trim()));
            foreach (var form in new[] { email, email.Trim().ToLowerInvariant() }.Distinct(StringComparer.Ordinal))
            {
                var bytes = Encoding.UTF8.GetBytes(form);
                secrets.Add(($"the MD5 of \"{form}\"", Convert.ToHexString(MD5.HashData(bytes))));
                secrets.Add(($"the SHA-1 of \"{form}\"", Convert.ToHexString(SHA1.HashData(bytes))));
                secrets.Add(($"the SHA-256 of \"{form}\"", Convert.ToHexString(SHA256.HashData(bytes))));
            }
        }
        // Responses are searched ignoring case, so one entry covers an email in every case.
        return secrets.DistinctBy(s => s.Value, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The body with HTML entities and %-escapes undone, so an encoded email is found too.</summary>
    private static string Decoded(string body) => Uri.UnescapeDataString(WebUtility.HtmlDecode(body));
}

public sealed class NoEmailInPublicResponsesOnSqlite(SqliteApp app, ITestOutputHelper output)
    : NoEmailInPublicResponsesTests(app, output), IClassFixture<SqliteApp>;

public sealed class NoEmailInPublicResponsesOnPostgreSql(PostgreSqlApp app, ITestOutputHelper output)
    : NoEmailInPublicResponsesTests(app, output), IClassFixture<PostgreSqlApp>;
