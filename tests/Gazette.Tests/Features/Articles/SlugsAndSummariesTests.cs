using Gazette.Features.Articles;

namespace Gazette.Tests.Features.Articles;

public sealed class SlugsAndSummariesTests
{
    [Theory]
    [InlineData("Night ferry returns to Kestrel Bay", "night-ferry-returns-to-kestrel-bay")]
    [InlineData("Café opens — at last!", "cafe-opens-at-last")]
    [InlineData("China’s Role as Mediator:", "chinas-role-as-mediator")]
    [InlineData("  --  ", "untitled")]
    [InlineData("Zürich & Łódź 2026", "zurich-łodz-2026")]
    public void MakesReadableSlugs(string title, string slug) => Assert.Equal(slug, Slugs.From(title));

    [Fact]
    public void KeepsSlugsShort() => Assert.True(Slugs.From(new string('a', 50) + " " + new string('b', 50)).Length <= Slugs.MaxLength);

    [Fact]
    public void SummarySkipsHeadingsAndCutsAtASentence()
    {
        var body = "## A heading\n\n" + string.Join(' ', Enumerable.Repeat("This sentence is about forty characters.", 12));
        var summary = Lead(body);
        Assert.StartsWith("This sentence", summary, StringComparison.Ordinal);
        Assert.EndsWith(".", summary, StringComparison.Ordinal);
        Assert.True(summary.Length <= Summaries.MaxLength);
    }

    [Fact]
    public void TheLeadIsProseOnlyNotTablesListsOrHeadings()
    {
        var body = "The ferry is back. It sails at six.\n\n## Times\n\n| Port | Time |\n|---|---|\n| Quay | 06:12 |\n\n- one\n- two\n\nLast **word** here.";
        Assert.Equal("The ferry is back. It sails at six. Last word here.", Lead(body));
    }

    [Fact]
    public void TheLeadLeavesOutImagesCaptionsAndQuotes()
    {
        var body = "Crowds lined the quay on Saturday.\n\n![Crowds on the quay](/media/quay.jpg)\n\n> A quoted line.\n\nMore pictures follow.";
        Assert.Equal("Crowds lined the quay on Saturday. More pictures follow.", Lead(body));
    }

    [Fact]
    public void AnHtmlBodyHasTheSameLeadAndPlainTextAsMarkdown()
    {
        // An imported WordPress post is HTML throughout: its lead and its search text carry no tags.
        var content = new ArticleContent(new MarkdownRenderer());
        var derived = content.Derive(
            "<h2>Times</h2>\n<p>The <strong>ferry</strong> is back.</p>\n<figure class=\"wp-caption\"><img src=\"/media/f.jpg\" alt=\"The ferry\"><figcaption>At the quay</figcaption></figure>\n<p>It sails at six.</p>",
            null);
        Assert.Equal("The ferry is back. It sails at six.", derived.Summary);
        Assert.Equal("Times\nThe ferry is back.\nAt the quay\nIt sails at six.", derived.Text);
        Assert.Contains("<strong>ferry</strong>", derived.Html, StringComparison.Ordinal);
        Assert.Equal("Written by hand.", content.Derive("<p>Anything.</p>", "  Written by hand. ").Summary);
    }

    private static string Lead(string markdown) => ArticleContent.LeadOf(new MarkdownRenderer().ToHtml(markdown));

    [Fact]
    public void TableAlignmentBecomesAClassAndNoInlineStyleSurvives()
    {
        var html = new MarkdownRenderer().ToHtml("| Port | Time |\n|:---|---:|\n| Quay | 06:12 |\n\n<p style=\"color:red;position:fixed\">Hi</p>");
        Assert.Contains("<td class=\"align-right\">06:12</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void CutsAtAWordWhenThereIsNoSentenceEnd()
    {
        var cut = Summaries.Cut(string.Join(' ', Enumerable.Repeat("word", 100)), 50);
        Assert.Equal(string.Join(' ', Enumerable.Repeat("word", 10)) + "…", cut);
    }

    [Fact]
    public void RendersMarkdownWithoutScripts()
    {
        var html = new MarkdownRenderer().ToHtml("## Section\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        Assert.Contains("<h2 id=\"section\">Section</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
    }
}
