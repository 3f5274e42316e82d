using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;

namespace Gazette.BrowserTests.Journeys;

/// <summary>
/// Whatever authors and readers type, as a title, summary, name, category, image caption or
/// credit, a comment or a website, reaches a feed reader that renders feeds as HTML as text: in
/// every feed and format, nothing runs and every field shows the characters written. The payloads
/// are <c>Data/xss-payloads.txt</c>, one per line, each in every field of its own article and comment.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileTextInFeedsIsInert(BrowserApp app)
{
    private static readonly Lazy<IReadOnlyList<string>> Payloads = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "xss-payloads.txt")).Where(line => line.Length > 0).ToList());

    private static readonly string[] Formats = ["", "/atom", "/json"];

    /// <summary>The name, for each format (by its address's suffix), of the fields compared below.</summary>
    private sealed record FieldNames(string Title, string Summary, string Author, string Category, string Credit, string Caption, string Content, string FeedDescription);

    private static readonly Dictionary<string, FieldNames> Names = new()
    {
        [""] = new("title", "description", "dc:creator", "category", "media:credit", "media:description", "content:encoded", "description"),
        ["/atom"] = new("title", "summary", "name", "category@term", "media:credit", "media:description", "content", "subtitle"),
        ["/json"] = new("title", "summary", "author", "tag", "_gazette.image_credit", "_gazette.image_caption", "content_html", "description"),
    };

    [Fact]
    public async Task AReaderThatRendersFeedsAsHtmlShowsStoredPayloadsAsText()
    {
        Assert.True(Payloads.Value.Count >= 200, $"Only {Payloads.Value.Count} payloads in Data/xss-payloads.txt.");
        var arranged = await app.ArrangeHostileFeedsAsync(Payloads.Value);
        // Channel titles and descriptions carry a payload in the feeds of one category, author and article each.
        var sample = arranged.Entries.Where((_, i) => i % 25 == 0).ToList();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = ActiveContent.Watch(page);
        var watch = PageWatch.Start(page, app.BaseAddress);
        var reader = new FeedReaderPage(page);
        await reader.OpenAsync();

        var problems = new List<string>();
        await app.WithFeedLengthAsync(Payloads.Value.Count + 10, async () =>
        {
            foreach (var format in Formats)
            {
                var tag = $"/tag/{arranged.TagSlug}/feed{format}";
                var comments = $"/comments/feed{format}";
                var fields = await reader.ReadAsync(sample
                    .SelectMany(e => new[] { $"/category/{e.CategorySlug}/feed{format}", $"/author/{e.AuthorSlug}/feed{format}", $"{e.Url}/feed{format}" })
                    .Prepend(comments).Prepend(tag));
                // A commenter's website in a feed is a web address or nothing, whatever was stored.
                problems.AddRange(fields
                    .Where(f => f.Kind == "url" && !f.Shown.StartsWith("https://", StringComparison.Ordinal) && !f.Shown.StartsWith("http://", StringComparison.Ordinal))
                    .Select(f => $"{f.Feed}: {f.Name} of {f.Entry} is {f.Shown}"));
                problems.AddRange(Misshown(fields, Names[format], tag, comments, format, arranged, sample));
            }
        });
        problems.AddRange(await ActiveContent.FindAsync(page));

        var found = dialogs.Dialogs.Select(d => "a dialog: " + d).Concat(problems).Concat(watch.Problems).ToList();
        Assert.True(found.Count == 0, $"{found.Count} problems:\n{string.Join("\n", found.Take(60))}");
    }

    /// <summary>Every field that should show a payload, as the reader showed it, compared with the payload.</summary>
    private List<string> Misshown(
        IReadOnlyList<ReadField> fields, FieldNames names, string tag, string comments, string format, HostileFeeds arranged, List<HostileEntry> sample)
    {
        var byField = fields.ToLookup(f => (f.Feed, f.Entry, f.Name), f => f.Shown);
        var compared = 0;
        IEnumerable<string> Compare(string feed, string entry, string name, string expected, bool contains = false)
        {
            compared++;
            var shown = byField[(feed, entry.Length == 0 ? "" : new Uri(app.BaseAddress, entry).AbsoluteUri, name)].ToList();
            var ok = contains
                ? shown.Any(s => Normal(s).Contains(Normal(expected), StringComparison.Ordinal))
                : (shown.Count == 1 && Normal(shown[0]) == Normal(expected))
                    // A comment of empty formatting only (<b></b>) has no words to summarise: no summary at all.
                    || (Normal(expected).Length == 0 && shown.All(s => Normal(s).Length == 0));
            return ok ? [] : [$"{feed}: {name} of {(entry.Length == 0 ? "the feed" : entry)} shows [{string.Join(" | ", shown)}] for \"{expected}\""];
        }

        var problems = new List<string>();
        foreach (var e in arranged.Entries)
        {
            var comment = $"/comments/{e.CommentId}";
            problems.AddRange(Compare(tag, e.Url, names.Title, e.Payload));
            problems.AddRange(Compare(tag, e.Url, names.Summary, e.Payload));
            problems.AddRange(Compare(tag, e.Url, names.Author, e.Name));
            problems.AddRange(Compare(tag, e.Url, names.Category, e.Payload, contains: true));
            problems.AddRange(Compare(tag, e.Url, names.Credit, e.Payload));
            problems.AddRange(Compare(tag, e.Url, names.Caption, e.Payload));
            problems.AddRange(Compare(tag, e.Url, names.Content, $"{e.Payload} Image source: {e.Payload}", contains: true));
            problems.AddRange(Compare(comments, comment, names.Title, $"Comment on {e.Payload} by {e.Name}"));
            // A comment may use a few inert tags: its words show as on the page (see ShownComment).
            problems.AddRange(Compare(comments, comment, names.Summary, ShownComment.PlainTextOf(e.Payload)));
            problems.AddRange(Compare(comments, comment, names.Author, e.Name));
            problems.AddRange(Compare(comments, comment, names.Content, ShownComment.TextOf(e.Payload)));
        }
        foreach (var e in sample)
        {
            var (category, author, conversation) = ($"/category/{e.CategorySlug}/feed{format}", $"/author/{e.AuthorSlug}/feed{format}", $"{e.Url}/feed{format}");
            problems.AddRange(Compare(category, "", "title", $"{e.Payload} – The Gazette"));
            problems.AddRange(Compare(category, "", names.FeedDescription, e.Payload));
            problems.AddRange(Compare(author, "", "title", $"{e.Name} – The Gazette"));
            problems.AddRange(Compare(author, "", names.FeedDescription, e.Payload));
            problems.AddRange(Compare(conversation, "", "title", $"Comments on {e.Payload} – The Gazette"));
            problems.AddRange(Compare(conversation, "", names.FeedDescription, $"The conversation under \"{e.Payload}\""));
            problems.AddRange(Compare(conversation, $"/comments/{e.CommentId}", names.Title, $"By {e.Name}"));
        }
        Assert.True(compared > arranged.Entries.Count * 11, "the comparisons did not run");
        return problems;
    }

    /// <summary>
    /// Text as the comparison sees it: without the control characters XML cannot carry (the XML
    /// formats drop them, JSON keeps them) and the spaces at either end (a comment's paragraphs are trimmed).
    /// </summary>
    private static string Normal(string text) => new string(text.Where(c => c >= ' ' || c is '\t' or '\n').ToArray()).Trim();
}
