using System.Net;
using Gazette.Features.Comments;

namespace Gazette.Tests.Features.Comments;

public sealed class CommentRulesTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("2001:db8:abcd:12:34:56:78:9", "2001:db8:abcd::")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0")]
    public void TruncatesAddresses(string address, string expected) =>
        Assert.Equal(expected, IpAddresses.Truncate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("name@example.com", true)]
    [InlineData("first.last+tag@sub.example.co.uk", true)]
    [InlineData("name@localhost", false)]
    [InlineData("Name <name@example.com>", false)]
    [InlineData("name@@example.com", false)]
    [InlineData("name@example.", false)]
    [InlineData("no-at-sign.example.com", false)]
    public void ChecksEmailSyntax(string email, bool valid) => Assert.Equal(valid, EmailSyntaxAttribute.IsEmail(email));

    [Theory]
    [InlineData("example.com/me", "https://example.com/me")]
    [InlineData("http://example.com", "http://example.com/")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("https://user:pw@example.com", null)]
    [InlineData("ftp://example.com", null)]
    [InlineData("two words.com", null)]
    public void NormalisesWebsites(string input, string? expected) => Assert.Equal(expected, WebsiteSyntaxAttribute.Normalize(input));

    [Theory]
    [InlineData("https://noor.example.org/", "https://noor.example.org/")]
    [InlineData(null, null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData(" JaVaScRiPt:alert(1)", null)]
    [InlineData("javascript://example.com/%0aalert(1)", null)]
    [InlineData("vbscript:msgbox(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    public void LinksTheAuthorOnlyToAWebAddressWhateverIsStored(string? stored, string? href) =>
        Assert.Equal(href, CommentText.WebsiteHref(stored));

    [Fact]
    public void ThreadsRepliesAndKeepsOrphansAtTheTop()
    {
        var now = DateTime.UtcNow;
        var comments = new[]
        {
            new CommentView(1, null, "A", null, "a", now),
            new CommentView(2, 1, "B", null, "b", now),
            new CommentView(3, 2, "C", null, "c", now),
            new CommentView(4, 99, "D", null, "d", now),
        };
        var roots = CommentThread.Build(comments);
        Assert.Equal([1, 4], roots.Select(r => r.Id));
        Assert.Equal(3, roots[0].Replies[0].Replies[0].Id);
    }

    [Fact]
    public void FormatsCommentTextAndKeepsParagraphs()
    {
        var html = CommentText.ToHtml("<b>hi</b>\nline two <u>not this</u>\n\nsecond & last").ToString();
        Assert.Equal("<p><b>hi</b><br>line two &lt;u&gt;not this&lt;/u&gt;</p><p>second &amp; last</p>", html);
    }

    [Theory]
    [InlineData("Tomas Reyes", "TR")]
    [InlineData("ilse", "I")]
    [InlineData("  ", "?")]
    [InlineData("(Anna) de la Cruz", "AD")]
    [InlineData("- 42 -", "4")]
    public void DrawsInitials(string name, string initials) => Assert.Equal(initials, CommentText.Initials(name));
}
