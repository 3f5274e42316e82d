using System.Text.RegularExpressions;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>A block of an article body: a paragraph, or a section heading.</summary>
public sealed record BodyBlock(string Text, bool IsHeading);

/// <summary>
/// <c>Data/news-page.txt</c>, a news page saved as text, read into the parts
/// Gazette's editor takes (title, body, image credit) and the parts the page must show
/// (byline, the "Leave a Reply" heading and its notice).
/// </summary>
public sealed partial record SeedArticle(
    string Title, IReadOnlyList<BodyBlock> Body, string ImageCredit, string BylineName, string ReplyHeading, string FormNotice)
{
    private const int MaxHeadingLength = 80;

    public IEnumerable<string> Paragraphs => Body.Where(b => !b.IsHeading).Select(b => b.Text);

    public IEnumerable<string> Headings => Body.Where(b => b.IsHeading).Select(b => b.Text);

    /// <summary>The body as the editor takes it: paragraphs apart, headings as <c>## </c>.</summary>
    public string Markdown => string.Join("\n\n", Body.Select(b => b.IsHeading ? "## " + b.Text : b.Text));

    public static SeedArticle Load() => Parse(File.ReadAllLines(RepositoryFiles.SeedArticle));

    public static SeedArticle Parse(IEnumerable<string> fileLines)
    {
        var lines = fileLines.Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count < 3)
        {
            throw new FormatException("The seed article has too few lines.");
        }
        string? credit = null, byline = null, replyHeading = null, notice = null;
        var body = new List<BodyBlock>();
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Image Source:", StringComparison.OrdinalIgnoreCase))
            {
                credit = line["Image Source:".Length..].Trim();
            }
            else if (Byline().Match(line) is { Success: true } match)
            {
                byline = match.Groups["name"].Value;
            }
            else if (line.StartsWith("Leave a Reply", StringComparison.Ordinal))
            {
                replyHeading = line;
            }
            else if (line.StartsWith("Your email address", StringComparison.Ordinal))
            {
                notice = line;
            }
            else if (line.EndsWith(':') && line.Length <= MaxHeadingLength)
            {
                body.Add(new BodyBlock(line.TrimEnd(':').TrimEnd(), IsHeading: true));
            }
            else
            {
                body.Add(new BodyBlock(line, IsHeading: false));
            }
        }
        return new SeedArticle(
            lines[0], body,
            credit ?? throw new FormatException("The seed article has no \"Image Source:\" line."),
            byline ?? throw new FormatException("The seed article has no \"By …\" line."),
            replyHeading ?? throw new FormatException("The seed article has no \"Leave a Reply\" line."),
            notice ?? throw new FormatException("The seed article has no \"Your email address…\" notice."));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^By (?<name>\S.{0,60})$")]
    private static partial Regex Byline();
}
