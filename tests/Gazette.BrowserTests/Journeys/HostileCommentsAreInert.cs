using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// Whatever readers type, as comment, name or website, reaches other readers as text: nothing
/// runs, nothing becomes markup but the few inert tags a comment may use (<see cref="ShownComment"/>). The payloads are <c>Data/xss-payloads.txt</c>, one per line.
/// The pages are opened with the Content-Security-Policy switched off, which would otherwise
/// block inline script and hide a failure of the encoding itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileCommentsAreInert(BrowserApp app)
{
    private const int ArticleCount = 8;

    private static readonly Lazy<IReadOnlyList<string>> Payloads = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "xss-payloads.txt")).Where(line => line.Length > 0).ToList());

    // Each comment's id, its own text and author (not its replies'), and its author link.
    private const string RenderedComments = """
        () => [...document.querySelectorAll('li.comment')].map(li => {
          const own = li.querySelector(':scope > article');
          const link = own.querySelector('.comment-author a');
          return [li.id, own.querySelector('.comment-text').textContent, own.querySelector('.comment-author').textContent,
            link ? link.getAttribute('href') : ''];
        })
        """;

    [Fact]
    public async Task StoredPayloadsShowAsTextAndNeverRun()
    {
        Assert.True(Payloads.Value.Count >= 200, $"Only {Payloads.Value.Count} payloads in Data/xss-payloads.txt.");
        var articles = await app.ArrangeHostileCommentsAsync(Payloads.Value, ArticleCount);
        await using var context = await app.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var dialogs = ActiveContent.Watch(page);
        var watch = PageWatch.Start(page, app.BaseAddress);
        var article = new ArticlePage(page);
        var problems = new List<string>();

        foreach (var arranged in articles)
        {
            // Every page of the conversation (it is long enough to be split), each checked whole.
            var rendered = new Dictionary<string, string[]>();
            for (var url = $"{arranged.Url}?cpage=1"; url is not null;)
            {
                await article.OpenAsync(url);
                problems.AddRange(await ActiveContent.FindAsync(page));
                foreach (var shown in await page.EvaluateAsync<string[][]>(RenderedComments))
                {
                    rendered[shown[0]] = shown;
                }
                var next = page.Locator(".comment-pages a[rel=next]");
                url = await next.CountAsync() > 0 ? await next.GetAttributeAsync("href") : null;
            }
            problems.AddRange(Misrendered(arranged.Url, rendered, arranged));

            var replyTo = arranged.Comments.First(c => c.Place == PayloadPlace.Name);
            await article.OpenAsync($"{arranged.Url}?replyTo={replyTo.Id}#respond");
            problems.AddRange(await ActiveContent.FindAsync(page));
            AssertNothingRan(dialogs, problems);
            Assert.Contains(replyTo.Payload.Trim(), await article.ReplyHeading.TextContentAsync() ?? "", StringComparison.Ordinal);
            foreach (var comment in arranged.Comments.Where(c => c.Place == PayloadPlace.Text).Take(2))
            {
                // A comment's lasting address opens the page that holds it.
                await article.OpenAsync($"/comments/{comment.Id}");
                await Expect(article.CommentTextOf(comment.Id)).ToBeVisibleAsync();
                await Expect(article.CommentTextOf(comment.Id)).ToHaveTextAsync(ShownComment.TextOf(comment.Payload));
            }
        }

        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task PayloadsPostedThroughTheFormStayTextInTheFormThePageAndTheEditor()
    {
        var sample = Payloads.Value.Where(p => p.Trim().Length is > 0 and <= 100).Where((_, i) => i % 31 == 0).Take(10).ToList();
        var refusedWebsites = Payloads.Value.Where(p => p.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("data:", StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
        var arranged = await app.ArrangeFullArticleAsync();
        await using var context = await app.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var dialogs = ActiveContent.Watch(page);
        var article = new ArticlePage(page);
        var problems = new List<string>();

        var posted = new Dictionary<string, string>();
        foreach (var payload in sample)
        {
            // Opened afresh each time, so that the notice looked for is the new post's, not the last one's.
            await article.OpenAsync(arranged.Url);
            var entry = new CommentEntry(payload, app.Unique("hostile") + "@example.org", null, payload);
            await article.PostCommentAsync(entry);
            // Held for moderation, or set aside as spam by the filter and shown back in the form: inert either way.
            await Expect(article.AwaitingModerationNotice.Or(article.Conversation.Locator(".form-errors"))).ToBeVisibleAsync();
            problems.AddRange(await ActiveContent.FindAsync(page));
            posted[entry.Email] = payload.Trim();
        }
        // A refused website comes back in the form with everything else typed: as values, never as markup.
        foreach (var (website, text) in refusedWebsites.Zip(sample))
        {
            await article.OpenAsync(arranged.Url);
            await article.PostCommentAsync(new CommentEntry(text, app.Unique("refused") + "@example.org", website, text));
            await Expect(article.ErrorNextTo(article.WebsiteField)).ToContainTextAsync("web address");
            await Expect(article.WebsiteField).ToHaveValueAsync(website);
            await Expect(article.NameField).ToHaveValueAsync(text);
            await Expect(article.CommentField).ToHaveValueAsync(text);
            problems.AddRange(await ActiveContent.FindAsync(page));
        }

        var stored = await app.WithDbAsync(async db =>
        {
            var emails = posted.Keys.ToList();
            await db.Comments.Where(c => emails.Contains(c.AuthorEmail))
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CommentStatus.Approved));
            return await db.Comments.Where(c => emails.Contains(c.AuthorEmail)).ToDictionaryAsync(c => c.Id, c => posted[c.AuthorEmail]);
        });
        Assert.Equal(sample.Count, stored.Count);
        await article.OpenAsync(arranged.Url);
        problems.AddRange(await ActiveContent.FindAsync(page));
        foreach (var (id, payload) in stored)
        {
            await Expect(article.CommentTextOf(id)).ToHaveTextAsync(ShownComment.TextOf(payload));
            await Expect(article.CommentAuthorOf(id)).ToHaveTextAsync(payload);
        }
        foreach (var (id, payload) in stored.Take(4))
        {
            // The browser that posted a comment may still edit it: its text goes back into a textarea.
            await page.GotoAsync($"/comments/{id}/edit");
            await Expect(page.GetByLabel("Your comment", new() { Exact = true })).ToHaveValueAsync(payload);
            problems.AddRange(await ActiveContent.FindAsync(page));
        }

        AssertNothingRan(dialogs, problems);
    }

    private static void AssertNothingRan(ActiveContent dialogs, List<string> problems)
    {
        var found = dialogs.Dialogs.Select(d => "a dialog: " + d).Concat(problems).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    /// <summary>Every arranged comment is on one of the pages, its payload shown as it was written; links go only to web addresses.</summary>
    private static List<string> Misrendered(string where, Dictionary<string, string[]> rendered, HostileArticle arranged)
    {
        var problems = new List<string>();
        foreach (var comment in arranged.Comments)
        {
            if (!rendered.TryGetValue($"comment-{comment.Id}", out var shown))
            {
                problems.Add($"{where}: comment {comment.Id} ({comment.Place}) is not shown");
                continue;
            }
            var (text, author, href) = (shown[1].Trim(), shown[2].Trim(), shown[3]);
            var ok = comment.Place switch
            {
                PayloadPlace.Text => text == ShownComment.TextOf(comment.Payload),
                PayloadPlace.Name => author == comment.Payload.Trim(),
                _ => href.Length == 0 || href.StartsWith("https://", StringComparison.Ordinal) || href.StartsWith("http://", StringComparison.Ordinal),
            };
            if (!ok)
            {
                problems.Add($"{where}: comment {comment.Id} with its payload as {comment.Place} shows text \"{text}\", author \"{author}\", link \"{href}\" for \"{comment.Payload}\"");
            }
        }
        return problems;
    }
}
