using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Gazette.Features.Articles;

namespace Gazette.Tests.Features.Articles;

/// <summary>
/// What the sanitiser keeps of an article body's layout and players, whoever wrote it: only the classes
/// the site lays out, no style, and players that show their controls, start only when asked and take
/// only web or site addresses.
/// </summary>
public sealed class SanitisingBlocksAndPlayers
{
    private static readonly MarkdownRenderer Markdown = new();

    private static IElement Body(string markdown) =>
        new HtmlParser().ParseDocument("<body>" + Markdown.ToHtml(markdown) + "</body>").Body!;

    [Fact]
    public void KeepsOnlyTheClassesTheSiteLaysOut()
    {
        var body = Body(
            "<div class=\"skip-link wp-block-columns visually-hidden notice columns-3 wp-container-7\"><div class=\"button embed-link\">Borrowed</div></div>\n\n"
            + "A paragraph dressed as the page's own {.notice .skip-link}\n\n```python\nprint(1)\n```\n\nA note[^1].\n\n[^1]: The footnote.");

        Assert.Equal("wp-block-columns columns-3", body.QuerySelector("div")!.GetAttribute("class"));
        Assert.False(body.QuerySelector("div > div")!.HasAttribute("class"));
        Assert.Empty(body.QuerySelectorAll(".notice, .skip-link, .visually-hidden, .button, .embed-link"));
        Assert.NotNull(body.QuerySelector("pre > code.language-python"));
        Assert.NotNull(body.QuerySelector(".footnotes a.footnote-back-ref"));
    }

    [Fact]
    public void LeavesNoStyleAttribute()
    {
        var body = Body("<div class=\"wp-block-cover\" style=\"background-image:url(https://example.org/x.jpg);min-height:400px\"><p style=\"color:red\">Text</p></div>\n\n| a | b |\n|--:|:-:|\n| 1 | 2 |");

        Assert.Empty(body.QuerySelectorAll("[style]"));
        Assert.Equal(["align-right", "align-center"], body.QuerySelectorAll("td").Select(td => td.GetAttribute("class")));
    }

    [Fact]
    public void PlayersShowTheirControlsAndNeverStartThemselves()
    {
        var body = Body(
            "<audio src=\"https://cdn.example.org/a.mp3\" autoplay onplay=\"alert(1)\" onerror=\"alert(2)\"></audio>\n\n"
            + "<video src=\"/media/clip.mp4\" autoplay muted loop playsinline poster=\"/media/clip.jpg\"><track kind=\"captions\" src=\"/media/clip.vtt\" srclang=\"en\" label=\"English\" default></video>");

        var audio = body.QuerySelector("audio")!;
        Assert.Equal(["controls", "preload", "src"], audio.Attributes.Select(a => a.Name).Order());
        Assert.Equal("none", audio.GetAttribute("preload"));
        var video = body.QuerySelector("video")!;
        Assert.False(video.HasAttribute("autoplay"));
        Assert.True(video.HasAttribute("controls"));
        // A file on this site may tell its length and show its first frame before it plays.
        Assert.Equal("metadata", video.GetAttribute("preload"));
        Assert.Equal("/media/clip.jpg", video.GetAttribute("poster"));
        Assert.Equal(["default", "kind", "label", "src", "srclang"], body.QuerySelector("track")!.Attributes.Select(a => a.Name).Order());
    }

    [Theory]
    [InlineData("<audio controls src=\"javascript:alert(1)\"></audio>")]
    [InlineData("<audio controls><source src=\"data:audio/wav;base64,UklGRg==\" type=\"audio/wav\"></audio>")]
    [InlineData("<video controls poster=\"javascript:alert(1)\"><source src=\"vbscript:msgbox(1)\"></video>")]
    [InlineData("<video controls><track kind=\"captions\" src=\"javascript:alert(1)\"></video>")]
    [InlineData("<video controls src=\" jav&#x09;ascript:alert(1)\" poster=\"data:image/svg+xml,<svg onload=alert(1)>\"></video>")]
    public void PlayersTakeOnlyWebAndSiteAddresses(string html)
    {
        var body = Body(html);

        Assert.Empty(body.QuerySelectorAll("[src], [poster], [onerror], [onload]"));
        Assert.NotNull(body.QuerySelector("audio, video"));
    }

    [Fact]
    public void ASoundOrVideoAddressAloneOnItsLineBecomesAPlayerThatLoadsNothingFromElsewhere()
    {
        var body = Body(
            "https://cdn.example.org/tide.mp3\n\nhttps://cdn.example.org/launch.webm?v=2\n\n<p><a href=\"/media/2024/06/bells.wav\">/media/2024/06/bells.wav</a></p>\n\n"
            + "Listen to https://cdn.example.org/inline.mp3 in a sentence.\n\nhttp://cdn.example.org/plain.mp3\n\n"
            + "<p><a href=\"//cdn.example.org/other.mp3\">//cdn.example.org/other.mp3</a></p>");

        var players = body.QuerySelectorAll("figure > audio, figure > video").ToList();
        Assert.Equal(
            [("audio", "https://cdn.example.org/tide.mp3", "none"), ("video", "https://cdn.example.org/launch.webm?v=2", "none"), ("audio", "/media/2024/06/bells.wav", "metadata")],
            players.Select(p => (p.LocalName, p.GetAttribute("src")!, p.GetAttribute("preload")!)));
        Assert.Equal(["wp-block-audio", "wp-block-video", "wp-block-audio"], players.Select(p => p.ParentElement!.ClassName));
        Assert.All(players, p => Assert.Equal(p.GetAttribute("src"), p.QuerySelector("a")!.GetAttribute("href")));
        // A link in a sentence, over plain http, or to a protocol-relative address stays a link.
        Assert.Equal(3, body.QuerySelectorAll("p > a").Length);
    }
}
