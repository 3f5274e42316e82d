using System.Net;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Search;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages;

/// <summary>
/// Readers searching at <c>/search</c>, on each database's own full-text search. The clock stands
/// still unless a test moves it (for the scheduled article); the publisher's loop keeps running.
/// </summary>
public abstract class SearchTests(FakeClockApp app)
{
    [Fact]
    public async Task ATitleMatchRanksAboveABodyMatch()
    {
        var word = Word();
        // The body match is newer: only the ranking can put the title match first.
        var inBody = await app.CreateArticleAsync(a =>
        {
            a.Title = "Notes from the pier " + a.Slug;
            a.Body = $"At dawn a {word} was seen off the pier, then again at noon.";
        });
        var inTitle = await app.CreateArticleAsync(a =>
        {
            a.Title = $"The {word} comes back to the bay";
            a.Body = "Nothing more to say about it here.";
            a.PublishedAt = DateTime.UtcNow.AddDays(-3);
        });

        var page = await SearchAsync(word);

        Assert.Equal([inTitle.Title, inBody.Title], Titles(page));
        Assert.Equal($"Search results for “{word}” – The Gazette", page.Title);
        Assert.Equal(word, ((IHtmlInputElement)page.QuerySelector("#search-q")!).Value);
        Assert.Equal($"2 results for “{word}”", page.TextOf(".search-count"));
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Equal(GazetteApp.UrlOf(inTitle), page.QuerySelector(".search-result h2 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task MarksTheMatchedWordInTheTitleAndTheSnippet()
    {
        var word = Word();
        var filler = string.Join(' ', Enumerable.Repeat("The tide came in and went out again.", 30));
        await app.CreateArticleAsync(a =>
        {
            a.Title = $"Tide tables and the {word}";
            a.Body = $"{filler}\n\nThen the harbour master spoke of the {word} at length.\n\n{filler}";
        });

        var result = (await SearchAsync(word)).QuerySelector(".search-result")!;

        Assert.Equal([word], result.QuerySelectorAll("h2 mark").Select(m => m.TextContent));
        Assert.Equal([word], result.QuerySelectorAll(".snippet mark").Select(m => m.TextContent));
        var snippet = result.TextOf(".snippet");
        Assert.Contains($"spoke of the {word} at length", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length < filler.Length, "the snippet is a passage, not the whole body");
    }

    [Fact]
    public async Task EncodesHtmlFromArticlesAndFromTheQuery()
    {
        var word = Word();
        var title = $"Fish & <b>chips</b> by the {word}";
        await app.CreateArticleAsync(a =>
        {
            a.Title = title;
            a.Body = $"Served \\<script\\>alert(1)\\</script\\> with {word} & vinegar, <em>hot</em>.";
        });

        var page = await SearchAsync(word);
        var main = page.QuerySelector("main")!;

        Assert.Empty(main.QuerySelectorAll("script, b, em"));
        Assert.Equal(title, page.TextOf(".search-result h2"));
        // Shown as text (SQLite keeps the angle brackets; ts_headline drops what looks like a tag).
        Assert.Contains("alert(1)", page.TextOf(".snippet"), StringComparison.Ordinal);
        Assert.Contains($"{word} & vinegar", page.TextOf(".snippet"), StringComparison.Ordinal);

        var hostile = $"\"><img src=x onerror=alert(1)><script>alert(2)</script> {word}";
        var echoed = await SearchAsync(hostile);
        Assert.Empty(echoed.QuerySelector("main")!.QuerySelectorAll("script, img"));
        Assert.Equal(hostile, ((IHtmlInputElement)echoed.QuerySelector("#search-q")!).Value);
        Assert.Contains(hostile, echoed.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindsWordsByTheirBeginning()
    {
        var word = Word();
        var article = await app.CreateArticleAsync(a => a.Body = $"The {word} was late again.");

        Assert.Equal([article.Title], Titles(await SearchAsync(word[..6] + "*")));
        Assert.Empty(Titles(await SearchAsync(word[..6])));
    }

    [Fact]
    public async Task FindsAPhraseOnlyInItsOrder()
    {
        var (first, second) = (Word(), Word());
        var inOrder = await app.CreateArticleAsync(a => a.Body = $"They met the {first} {second} at the quay.");
        var reversed = await app.CreateArticleAsync(a => a.Body = $"The {second} came, and later the {first}.");

        Assert.Equal([inOrder.Title], Titles(await SearchAsync($"\"{first} {second}\"")));
        Assert.Equal(new[] { inOrder.Title, reversed.Title }.Order(), Titles(await SearchAsync($"{first} {second}")).Order());
    }

    [Fact]
    public async Task IndexesTheBodyAsPlainTextWithoutMarkdownOrLinkAddresses()
    {
        var (word, hidden) = (Word(), Word());
        await app.CreateArticleAsync(a => a.Body = $"## Timetable\n\nRead **the {word} report** [online](https://example.org/{hidden}) today.");

        var snippet = (await SearchAsync(word)).TextOf(".snippet");

        Assert.Contains($"Read the {word} report online today", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("**", snippet, StringComparison.Ordinal);
        Assert.Empty(Titles(await SearchAsync(hidden)));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("\"unclosed phrase")]
    [InlineData("*")]
    [InlineData("***")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(ferry harbour, 2)")]
    [InlineData("AND OR NOT")]
    [InlineData("ferry AND")]
    [InlineData("-ferry")]
    [InlineData("title:ferry")]
    [InlineData("^ferry")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("ferry & harbour | !boat <-> quay:*")]
    [InlineData("(((")]
    [InlineData("\\")]
    [InlineData("%_%")]
    [InlineData("🚢⚓🌊")]
    [InlineData("ferry 🚢*")]
    [InlineData("e\u0301 café Straße ǅ")]
    [InlineData("\u0000\u0002\u0003")]
    [InlineData("   ")]
    [InlineData("2000 characters")]
    public async Task AnswersAnyInputWithAPage(string query)
    {
        if (query == "2000 characters")
        {
            query = string.Concat(Enumerable.Repeat("ferry \"harbour* ", 125));
        }

        var response = await app.CreateBrowser().GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var input = (IHtmlInputElement)page.QuerySelector("#search-q")!;
        Assert.True(input.Value.Length <= 200);
        Assert.Empty(page.QuerySelector("main")!.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task AnEmptySearchShowsTheFormWithAHint()
    {
        var page = await app.CreateBrowser().GetDocumentAsync("/search");

        Assert.Equal("", ((IHtmlInputElement)page.QuerySelector("#search-q")!).Value);
        Assert.Equal("Search for", page.TextOf("label[for=search-q]"));
        Assert.Contains("Type one or more words", page.TextOf(".search-page .empty"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".search-count"));
        // Every page has the search box, with a label for screen readers.
        Assert.Equal("/search", page.QuerySelector("header form.site-search")!.GetAttribute("action"));
        Assert.Equal("Search the site", page.TextOf("header label[for=site-search-q]"));
    }

    [Fact]
    public async Task SaysSoAndHelpsWhenNothingMatches()
    {
        var word = Word();

        var page = await SearchAsync(word);

        Assert.Equal($"No results for “{word}”", page.TextOf(".search-none h2"));
        Assert.NotNull(page.QuerySelector(".search-none a[href='/']"));
        Assert.Empty(page.QuerySelectorAll(".search-result"));
    }

    [Fact]
    public async Task PagesThroughManyResults()
    {
        var word = Word();
        var now = DateTime.UtcNow;
        var articles = new List<Article>();
        for (var i = 0; i < 12; i++)
        {
            var publishedAt = now.AddMinutes(-i);
            articles.Add(await app.CreateArticleAsync(a => { a.Body = $"Item {i} about the {word}."; a.PublishedAt = publishedAt; }));
        }

        var first = await SearchAsync(word);
        Assert.Equal(10, Titles(first).Count);
        Assert.Equal($"12 results for “{word}” (page 1 of 2)", first.TextOf(".search-count"));
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        Assert.Equal($"/search?q={word}&page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));

        var second = await SearchAsync(word, page: 2);
        Assert.Equal(2, Titles(second).Count);
        Assert.Equal("11", second.QuerySelector("ol.search-results")!.GetAttribute("start"));
        Assert.Equal($"/search?q={word}", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
        Assert.Equal(articles.Select(a => a.Title).Order(), Titles(first).Concat(Titles(second)).Order());

        // Past the end: the last page.
        Assert.Equal(Titles(second), Titles(await SearchAsync(word, page: 99)));
    }

    [Fact]
    public async Task AWordInMoreArticlesThanAreRankedShowsTheNewestBestFirstThenTheRestNewestFirst()
    {
        var word = Word();
        var count = SearchArticles.RankedMatches + 15;
        await app.WithDbAsync(async db =>
        {
            var author = await db.Users.FirstAsync(u => u.Slug == "mara-lindqvist");
            var now = DateTime.UtcNow.AddDays(-1);
            var articles = Enumerable.Range(0, count).Select(i => new Article
            {
                // Two of the oldest and one of the newest have the word in their titles.
                Title = i == 3 || i == 5 || i == count - 40 ? $"The {word} story number {i}" : $"Story number {i}",
                Slug = $"{word}-{i}",
                Body = $"Item {i} mentions the {word}.",
                Status = ArticleStatus.Published,
                CreatedAt = now,
                UpdatedAt = now,
                PublishedAt = now.AddMinutes(i),
                AuthorId = author.Id,
            }).ToList();
            db.Articles.AddRange(articles);
            await db.SaveChangesAsync();
        });

        var first = await SearchAsync(word);
        Assert.Equal($"{count:N0} results for “{word}” (page 1 of {(count + 9) / 10})", first.TextOf(".search-count"));
        // Among the newest 1,000 the title match ranks first; the old title matches are not ranked.
        Assert.Equal($"The {word} story number {count - 40}", Titles(first)[0]);
        Assert.DoesNotContain($"The {word} story number 3", Titles(first));

        // Past the ranked matches, the rest follow newest first, each once, down to the oldest.
        var last = await SearchAsync(word, page: (count + 9) / 10);
        Assert.Equal(
            Enumerable.Range(0, count % 10 == 0 ? 10 : count % 10).Select(i => (count % 10 == 0 ? 9 : count % 10 - 1) - i)
                .Select(i => i is 3 or 5 ? $"The {word} story number {i}" : $"Story number {i}"),
            Titles(last));
        var pastRanked = await SearchAsync(word, page: SearchArticles.RankedMatches / 10 + 1);
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => count - SearchArticles.RankedMatches - 1 - i)
                .Select(i => i is 3 or 5 ? $"The {word} story number {i}" : $"Story number {i}"),
            Titles(pastRanked));
    }

    [Fact]
    public async Task FindsStaticPagesAtTheirOwnAddress()
    {
        var word = Word();
        var page = await app.CreateArticleAsync(a => { a.Kind = ArticleKind.Page; a.Title = $"About the {word}"; });

        var results = await SearchAsync(word);

        Assert.Equal(ArticleLinks.Page(page.Slug), results.QuerySelector(".search-result h2 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task NeverFindsDraftsPendingOrScheduledArticles()
    {
        var word = Word();
        await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Draft; a.Body = $"Draft {word}."; });
        await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Pending; a.Body = $"Pending {word}."; });
        await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Scheduled; a.PublishedAt = DateTime.UtcNow.AddDays(1); a.Body = $"Scheduled {word}."; });
        await app.CreateArticleAsync(a => { a.Status = ArticleStatus.Published; a.PublishedAt = null; a.Body = $"Undated {word}."; });

        Assert.Empty(Titles(await SearchAsync(word)));
        Assert.Empty(Titles(await SearchAsync(word[..5] + "*")));
    }

    [Fact]
    public async Task EditingUnpublishingAndPublishingInTheEditorUpdateTheResults()
    {
        var (before, after) = (Word(), Word());
        var article = await app.CreateArticleAsync(a => { a.Title = $"Quay works and the {before}"; a.Body = $"The {before} is closed."; });
        Assert.Equal([article.Title], Titles(await SearchAsync(before)));
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var editUrl = $"/admin/articles/edit/{article.Id}";
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = $"Quay works and the {after}",
            ["Form.Slug"] = article.Slug,
            ["Form.Body"] = $"The {after} is open again.",
            ["Form.CommentsOpen"] = "true",
            ["intent"] = "publish",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(editUrl, editUrl, fields)).StatusCode);
        Assert.Empty(Titles(await SearchAsync(before)));
        var found = await SearchAsync(after);
        Assert.Equal([fields["Form.Title"]], Titles(found));
        Assert.Contains($"The {after} is open again", found.TextOf(".snippet"), StringComparison.Ordinal);

        fields["intent"] = "draft";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(editUrl, editUrl, fields)).StatusCode);
        Assert.Empty(Titles(await SearchAsync(after)));

        fields["intent"] = "publish";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(editUrl, editUrl, fields)).StatusCode);
        Assert.Equal([fields["Form.Title"]], Titles(await SearchAsync(after)));
    }

    [Fact]
    public async Task ADeletedArticleIsNoLongerFound()
    {
        var word = Word();
        var article = await app.CreateArticleAsync(a => a.Body = $"Soon gone: {word}.");
        Assert.Equal([article.Title], Titles(await SearchAsync(word)));

        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteDeleteAsync());

        Assert.Empty(Titles(await SearchAsync(word)));
    }

    [Fact]
    public async Task AScheduledArticleIsFoundOnceThePublisherPublishesIt()
    {
        var word = Word();
        var due = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        var article = await app.CreateArticleAsync(a =>
        {
            a.Status = ArticleStatus.Scheduled;
            a.PublishedAt = due;
            a.Body = $"Out at half past: {word}.";
        });
        Assert.Empty(Titles(await SearchAsync(word)));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        // The loop may get there first; either way the article goes out by ExecuteUpdate.
        await app.Services.GetRequiredService<PublishScheduledArticles>().PublishDueAsync(CancellationToken.None);

        Assert.Equal([article.Title], Titles(await SearchAsync(word)));
    }

    /// <summary>
    /// A word no other test (or the demo article) uses, of consonants only so that stemmers leave
    /// it whole: the tests share one database.
    /// </summary>
    private static string Word()
    {
        const string letters = "bcdfghjklmnpqrtvwxz";
        var bytes = Guid.NewGuid().ToByteArray();
        return "q" + string.Concat(bytes.Take(9).Select(b => letters[b % letters.Length]));
    }

    private async Task<IHtmlDocument> SearchAsync(string query, int page = 1)
    {
        var url = "/search?q=" + Uri.EscapeDataString(query) + (page > 1 ? $"&page={page}" : "");
        return await app.CreateBrowser().GetDocumentAsync(url);
    }

    private static List<string> Titles(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".search-result h2").Select(h => h.TextContent.Trim())];
}

public sealed class SearchOnSqlite(FakeClockSqliteApp app) : SearchTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class SearchOnPostgreSql(FakeClockPostgreSqlApp app) : SearchTests(app), IClassFixture<FakeClockPostgreSqlApp>;
