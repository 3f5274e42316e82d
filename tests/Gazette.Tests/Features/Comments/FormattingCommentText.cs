using System.Diagnostics;
using Gazette.Features.Comments;

namespace Gazette.Tests.Features.Comments;

/// <summary>
/// Comment text as WordPress reads a comment: the few tags of its <c>$allowedtags</c> are
/// formatting, anything else shows as typed; blank lines make paragraphs, newlines line breaks.
/// </summary>
public sealed class FormattingCommentText
{
    private static string Html(string text) => CommentText.ToHtml(text).ToString()!;

    [Fact]
    public void KeepsPlainTextAsParagraphsAndLineBreaks() =>
        Assert.Equal("<p>One line<br>and the next</p><p>A new paragraph.</p>", Html("One line\nand the next\r\n\r\nA new paragraph.\n"));

    [Fact]
    public void RendersTheTagsWordPressAllowsInComments()
    {
        var html = Html("""
            See <a href="https://example.org/timetable" title="Timetable">the timetable</a>, <em>really</em> <i>now</i>,
            <strong>twice</strong> <b>bold</b> <del>gone</del> <strike>old</strike> <s>was</s> <abbr title="Roll-on roll-off">RoRo</abbr>,
            she said <q>soon</q> in <cite>The Gazette</cite>: <code>ferry --late</code>.

            <blockquote>The night boat sails at ten.
            Every night.</blockquote>
            <pre>line 1

              line 2</pre>
            Thanks!
            """);

        Assert.Equal(
            "<p>See <a href=\"https://example.org/timetable\" title=\"Timetable\" rel=\"nofollow ugc\">the timetable</a>, <em>really</em> <i>now</i>,<br>"
            + "<strong>twice</strong> <b>bold</b> <del>gone</del> <strike>old</strike> <s>was</s> <abbr title=\"Roll-on roll-off\">RoRo</abbr>,<br>"
            + "she said <q>soon</q> in <cite>The Gazette</cite>: <code>ferry --late</code>.</p>"
            + "<blockquote><p>The night boat sails at ten.<br>Every night.</p></blockquote>"
            + "<pre>line 1\n\n  line 2</pre><p>Thanks!</p>",
            html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<p>&lt;iframe src=\"https://evil.example\"&gt;&lt;/iframe&gt;</p>")]
    [InlineData("<p style=\"color:red\">x</p>", "<p>&lt;p style=\"color:red\"&gt;x&lt;/p&gt;</p>")]
    [InlineData("<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>")]
    [InlineData("<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>")]
    [InlineData("a < b and <3", "<p>a &lt; b and &lt;3</p>")]
    [InlineData("<em", "<p>&lt;em</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<p><a>x</a></p>")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<p><a>x</a></p>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<p><a>x</a></p>")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<p><a>x</a></p>")]
    [InlineData("<a href=\"//evil.example/\">x</a>", "<p><a>x</a></p>")]
    [InlineData("<a href=\"/admin\">x</a>", "<p><a>x</a></p>")]
    [InlineData("<a href=\"https://example.org/\" onclick=\"alert(1)\" style=\"color:red\" target=\"_blank\" rel=\"follow\">x</a>",
        "<p><a href=\"https://example.org/\" rel=\"nofollow ugc\">x</a></p>")]
    [InlineData("<a href=\"mailto:ferry@example.org\">write</a>", "<p><a href=\"mailto:ferry@example.org\" rel=\"nofollow ugc\">write</a></p>")]
    [InlineData("<em onmouseover=\"alert(1)\" class=\"x\" id=\"respond\">x</em>", "<p><em>x</em></p>")]
    [InlineData("<code><script>alert(1)</script></code>", "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>")]
    [InlineData("<a title=\"<script>alert(1)</script>\" href=\"https://example.org/\">x</a>",
        "<p><a title=\"&lt;script&gt;alert(1)&lt;/script&gt;\" href=\"https://example.org/\" rel=\"nofollow ugc\">x</a></p>")]
    [InlineData("Fish &amp; chips &lt;em&gt; AT&T", "<p>Fish &amp; chips &lt;em&gt; AT&amp;T</p>")]
    public void ShowsAnyOtherTagAsTypedAndKeepsNothingActive(string text, string html) => Assert.Equal(html, Html(text));

    [Fact]
    public void ClosesWhatWasLeftOpen() =>
        Assert.Equal("<p><strong>all of this</strong></p><blockquote><p><strong><em>and this</em></strong></p></blockquote>",
            Html("<strong>all of this\n\n<blockquote><em>and this"));

    [Fact]
    public void KeepsEmphasisAcrossABlankLine() =>
        Assert.Equal("<p><em>one</em></p><p><em>two</em></p>", Html("<em>one\n\ntwo</em>"));

    [Fact]
    public void GivesPlainTextWithoutTagsAndWithLinkAddresses()
    {
        Assert.Equal(
            "Read the timetable (https://example.org/t) or https://example.org/x, really.\nOr write (ferry@example.org).\n\nQuoted <b> & kept.\n\nThe end",
            CommentText.ToPlainText(
                "Read <a href=\"https://example.org/t\">the timetable</a> or <a href=\"https://example.org/x\">https://example.org/x</a>, <em>really</em>.\n"
                + "Or <a href=\"mailto:ferry@example.org\">write</a>.<blockquote>Quoted &lt;b> &amp; kept.</blockquote>The end"));
        Assert.Equal("<script>alert(1)</script> stays as typed", CommentText.ToPlainText("<script>alert(1)</script> stays as typed"));
        Assert.Equal("Plain\n\ntext", CommentText.ToPlainText("Plain\r\n\r\ntext\n"));
    }

    [Fact]
    public void ReadsHtmlFromElsewhereKeepingTheAllowedTags()
    {
        var text = CommentText.FromHtml(
            "<p>First <a href=\"https://example.org/\" rel=\"nofollow ugc\" class=\"url\">link</a> and <span style=\"color:red\">red</span>.<br />\nNext line.</p>\n"
            + "<p>Say &lt;hello&gt; &amp; <em>wave</em><script>alert(1)</script><img src=\"x.png\" alt=\"\"></p>"
            + "<blockquote>Quoted</blockquote><div>Block <code>x &lt; y</code></div>");

        Assert.Equal(
            "First <a href=\"https://example.org/\">link</a> and red.\nNext line.\n\n"
            + "Say &lt;hello&gt; &amp; <em>wave</em>\n\n<blockquote>Quoted</blockquote>\n\nBlock <code>x &lt; y</code>",
            text);
        Assert.Equal(
            "<p>First <a href=\"https://example.org/\" rel=\"nofollow ugc\">link</a> and red.<br>Next line.</p>"
            + "<p>Say &lt;hello&gt; &amp; <em>wave</em></p><blockquote><p>Quoted</p></blockquote><p>Block <code>x &lt; y</code></p>",
            Html(text));
    }

    [Fact]
    public void GivesHtmlThatReadsBackTheSame()
    {
        var text = "Fish & chips, \"the best\" <3 <script>x</script>\n\n<em>yes</em> <a href=\"https://example.org/?a=1&b=2\" onclick=\"x\">here</a>";
        var portable = CommentText.ToPortableHtml(text);

        Assert.Equal(
            "Fish &amp; chips, \"the best\" &lt;3 &lt;script&gt;x&lt;/script&gt;\n\n<em>yes</em> <a href=\"https://example.org/?a=1&amp;b=2\">here</a>",
            portable);
        Assert.Equal(portable, CommentText.FromHtml(portable));
        Assert.Equal(Html(text), Html(CommentText.FromHtml(portable)));
    }

    [Fact]
    public void RendersAHundredThousandCommentsInSeconds()
    {
        var formatted = "I <em>agree</em> with <a href=\"https://example.org/\">this</a>:\n<blockquote>The boat is late.</blockquote>\nSee <code>x</code>.";
        var plain = "I agree with this. The boat is late, every single night.\n\nSee you there.";
        Html(formatted);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            Html(formatted);
            Html(plain);
        }
        // 20,000 renders; an import of 100,000 comments renders each once.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"20,000 renders took {clock.Elapsed}");
        Console.WriteLine($"20,000 renders took {clock.Elapsed}");
    }
}
