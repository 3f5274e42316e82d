using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Gazette.Features.Articles;
using Gazette.Features.WordPress;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// A WordPress post's content as the article body it becomes, and as readers then see it (rendered
/// through the Markdown renderer and its sanitiser): paragraphs by WordPress's rules, embeds and
/// players as links, code and gallery shortcodes as HTML, and a note for each thing the report should tell.
/// </summary>
public sealed partial class ConvertingWordPressContent
{
    private static readonly MarkdownRenderer Markdown = new();

    private static readonly WordPressImage Quay = new("https://old.example.org/uploads/quay.jpg", "The quay", "Low tide", null);
    private static readonly WordPressImage Crane = new("https://old.example.org/uploads/crane.jpg", "A crane", null, null);
    private static readonly WordPressImage Buoy = new("https://old.example.org/uploads/buoy.jpg", "A buoy", null, null);

    private static WordPressImage? Find(string id) => id switch { "3" => Quay, "7" => Crane, "9" => Buoy, _ => null };

    private static WordPressContent.Converted Convert(string content, Func<IReadOnlyList<WordPressImage>>? attached = null) =>
        WordPressContent.ToBody(content, Find, attached);

    /// <summary>What a reader gets, with the whitespace between tags left out so tests can compare structure.</summary>
    private static string Rendered(string content) => Rendered(Convert(content));

    private static string Rendered(WordPressContent.Converted converted) =>
        BetweenTags().Replace(Markdown.ToHtml(converted.Html), "><").Trim();

    [Fact]
    public void ClosesTheParagraphBeforeAListAndPutsNoBreaksInIt()
    {
        var html = Rendered("Pick one for each visitor.\n<ul>\n    <li>Tea</li>\n    <li>Coffee</li>\n</ul>\nThen sit down.");

        Assert.Equal("<p>Pick one for each visitor.</p><ul><li>Tea</li><li>Coffee</li></ul><p>Then sit down.</p>", html);
    }

    [Fact]
    public void NeverWrapsAHeadingInAParagraph()
    {
        var html = Rendered("Everything below is optional.\n<h2>One Column</h2>\nThe narrow layout.\n\n<h3>Two</h3>");

        Assert.Equal("<p>Everything below is optional.</p><h2>One Column</h2><p>The narrow layout.</p><h3>Two</h3>", html);
    }

    [Fact]
    public void SplitsTextAndABlockThatShareALine()
    {
        var html = Rendered("Before the box <div class=\"wp-block-group\">Inside the box</div> after the box");

        Assert.Equal("<p>Before the box</p><div class=\"wp-block-group\">Inside the box</div><p>after the box</p>", html);
    }

    [Fact]
    public void LeavesTablesAndNestedListsAsTheyAre()
    {
        Assert.Equal(
            "<table><tbody><tr><th>Tide</th><td>Low</td></tr></tbody></table>",
            Rendered("<table>\n<tbody>\n<tr>\n<th>Tide</th>\n<td>Low</td>\n</tr>\n</tbody>\n</table>"));
        Assert.Equal(
            "<ul><li>Boats\n<ul><li>Ferries</li></ul></li><li>Cranes</li></ul>",
            Rendered("<ul>\n<li>Boats\n<ul>\n<li>Ferries</li>\n</ul>\n</li>\n<li>Cranes</li>\n</ul>"));
    }

    [Fact]
    public void GivesQuotesTheirParagraphsAndOtherBoxesOnlyTheirLast()
    {
        Assert.Equal("<blockquote><p>Short and sweet.</p></blockquote>", Rendered("<blockquote>Short and sweet.</blockquote>"));
        Assert.Equal(
            "<blockquote><p>First thought,<br>\nsame thought.</p><p>Second thought.</p></blockquote>",
            Rendered("<blockquote>First thought,\nsame thought.\n\nSecond thought.</blockquote>"));
        Assert.Equal(
            "<blockquote><p>Already wrapped.</p><p>Twice.</p></blockquote>",
            Rendered("<blockquote>\n<p>Already wrapped.</p>\n<p>Twice.</p>\n</blockquote>"));
        // As in WordPress, where the first is left out of its paragraph and followed by an empty one.
        Assert.Equal(
            "<div class=\"wp-block-group\">First.\n<p>Second.</p></div>",
            Rendered("<div class=\"wp-block-group\">\nFirst.\n\nSecond.\n</div>"));
    }

    [Fact]
    public void KeepsPreformattedTextAsItIsWhereverItStands()
    {
        var code = "<pre>line one\n\n    line three *not emphasis*</pre>";

        Assert.Equal($"<p>Before.</p>{code}<p>After.</p>", Rendered($"Before.\n{code}\nAfter."));
        Assert.Equal($"{code}<p>After <em>this</em>.</p>", Rendered($"{code}\n\nAfter <em>this</em>."));
        Assert.Equal($"{code}<p>Not *Markdown* either.</p>", Rendered($"{code}\nNot *Markdown* either."));
    }

    [Fact]
    public void BreaksLinesInTextButNotInsideTags()
    {
        var html = Rendered("A <strong>bold\nclaim</strong> and <a\n  href=\"https://example.com/\">a link</a>.\nNext line<br />\nand one more.");

        Assert.Equal(
            "<p>A <strong>bold<br>\nclaim</strong> and <a href=\"https://example.com/\">a link</a>.<br>\nNext line<br>\nand one more.</p>",
            html);
    }

    [Fact]
    public void TurnsARunOfLineBreakTagsIntoAParagraphBreak()
    {
        Assert.Equal("<p>One.</p><p>Two.</p>", Rendered("One.<br><br />Two."));
    }

    [Fact]
    public void SplitsAParagraphAroundABlockInsideIt()
    {
        Assert.Equal("<p>Harbour</p><hr><p>Quay</p>", Rendered("<p>Harbour\n<hr />\nQuay</p>"));
        Assert.Equal("<p>Intro</p><p>Outro</p>", Rendered("<p>\nIntro\n\nOutro\n</p>"));
    }

    [Fact]
    public void KeepsAFigureWithItsCaption()
    {
        var html = Rendered("<figure class=\"wp-block-image\"><img src=\"/uploads/a.jpg\" alt=\"Gulls\"/>\n<figcaption>Gulls at\nnoon</figcaption>\n</figure>");

        Assert.Equal("<figure class=\"wp-block-image\"><img src=\"/uploads/a.jpg\" alt=\"Gulls\"><figcaption>Gulls at<br>\nnoon</figcaption></figure>", html);
    }

    [Theory]
    [InlineData("<div class=\"wp-block-column\" style=\"flex-basis:25%\">x</div>", "<div class=\"wp-block-column flex-basis-25\">x</div>")]
    [InlineData("<div class=\"wp-block-column\" style=\"flex-basis: 66.66%;\">x</div>", "<div class=\"wp-block-column flex-basis-66\">x</div>")]
    [InlineData("<div class=\"wp-block-column\" style=\"flex-basis:45%\">x</div>", "<div class=\"wp-block-column\">x</div>")]
    [InlineData("<div class=\"wp-block-column\" style=\"flex-basis:300px\">x</div>", "<div class=\"wp-block-column\">x</div>")]
    [InlineData("<div style=\"min-height:100vh\" class=\"wp-block-cover\">x</div>", "<div class=\"wp-block-cover min-height-screen\">x</div>")]
    [InlineData("<div class=\"wp-block-cover\" style=\"min-height:200px\">x</div>", "<div class=\"wp-block-cover min-height-s\">x</div>")]
    [InlineData("<div class=\"wp-block-cover\" style=\"min-height:40vh\">x</div>", "<div class=\"wp-block-cover min-height-m\">x</div>")]
    [InlineData("<div style=\"height:160px\" aria-hidden=\"true\" class=\"wp-block-spacer\"></div>", "<div class=\"wp-block-spacer spacer-xl\"></div>")]
    [InlineData("<div style=\"height:1.5rem\" class=\"wp-block-spacer\"></div>", "<div class=\"wp-block-spacer spacer-xs\"></div>")]
    [InlineData("<div class=\"wp-block-media-text\" style=\"grid-template-columns:33% auto\">x</div>", "<div class=\"wp-block-media-text media-width-33\">x</div>")]
    [InlineData("<div class=\"wp-block-media-text has-media-on-the-right\" style=\"grid-template-columns:auto 75%\">x</div>", "<div class=\"wp-block-media-text has-media-on-the-right media-width-75\">x</div>")]
    [InlineData("<p style=\"flex-basis:25%\">x</p>", "<p>x</p>")]
    public void ReadsTheSizesWordPressKeepsInInlineStylesIntoClasses(string block, string rendered)
    {
        Assert.Equal(rendered, Rendered(block));
    }

    [Fact]
    public void KeepsAResizedImagesWidthAsItsAttribute()
    {
        Assert.Equal(
            "<figure class=\"wp-block-image is-resized\"><img src=\"/uploads/a.jpg\" alt=\"A\" width=\"240\"></figure>",
            Rendered("<figure class=\"wp-block-image is-resized\"><img src=\"/uploads/a.jpg\" alt=\"A\" width=\"1024\" height=\"683\" style=\"width:240px;height:auto\"/></figure>"));
    }

    [Fact]
    public void KeepsACaptionShortcodesAlignment()
    {
        var html = Rendered("[caption id=\"attachment_5\" align=\"alignright\" width=\"300\"]<img src=\"/uploads/buoy.jpg\" alt=\"A buoy\" width=\"300\" /> Red buoys[/caption]\n\n[caption align=\"alignnone\"]<img src=\"/uploads/b.jpg\" alt=\"\" /> Plain[/caption]");

        Assert.Equal(
            "<figure class=\"wp-caption alignright\"><img src=\"/uploads/buoy.jpg\" alt=\"A buoy\" width=\"300\"><figcaption>Red buoys</figcaption></figure>"
            + "<figure class=\"wp-caption\"><img src=\"/uploads/b.jpg\" alt=\"\"><figcaption>Plain</figcaption></figure>",
            html);
    }

    [Fact]
    public void PutsNoBreaksInScriptsStylesOrDrawings()
    {
        var body = Convert("Text\n<style>\np { color: red; }\n</style>\n<svg viewBox=\"0 0 1 1\">\n<path d=\"M0 0\"/>\n</svg>\n<math>\n<mi>x</mi>\n</math>").Html;

        Assert.Contains("<style>\np { color: red; }\n</style>", body, StringComparison.Ordinal);
        Assert.Contains("<svg viewBox=\"0 0 1 1\">\n<path d=\"M0 0\"/>\n</svg>", body, StringComparison.Ordinal);
        Assert.Contains("<math>\n<mi>x</mi>\n</math>", body, StringComparison.Ordinal);
        // Nor a paragraph around a script alone, which would be left empty once it is sanitised away.
        Assert.Equal("<p>Tickets.</p><p>More.</p>", Rendered("<p>Tickets.</p><script>alert(1)</script>\n\n<p>\n<script>alert(2)</script>\n</p>More."));
    }

    [Fact]
    public void AddsNoLineBreaksToBlockEditorContent()
    {
        var html = Rendered("<!-- wp:paragraph -->\n<p>Written in\nthe block editor.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:list -->\n<ul><li>One</li></ul>\n<!-- /wp:list -->");

        Assert.Equal("<p>Written in\nthe block editor.</p><ul><li>One</li></ul>", html);
    }

    [Fact]
    public void MakesTheBodyOneHtmlBlockWithoutBlankLinesOneBlockALine()
    {
        var body = Convert("One.\n\n<pre>a\n\nb</pre>\n\nTwo.\n<ul><li>Three</li></ul>").Html;

        Assert.Equal("<p>One.</p>\n<pre>a\n&#10;b</pre>\n<p>Two.</p>\n<ul>\n<li>Three</li>\n</ul>", body);
        Assert.Equal("<p>One.</p><pre>a\n\nb</pre><p>Two.</p><ul><li>Three</li></ul>", Rendered(Convert(body)));
    }

    [Fact]
    public void KeepsAParagraphBreakWhereTheMoreAndPageBreakTagsWere()
    {
        var converted = Convert("The lead.<!--more-->The rest.\n<!--nextpage-->\nPage two.<!-- a remark -->");

        Assert.Equal("<p>The lead.</p><p>The rest.</p><p>Page two.</p>", Rendered(converted));
        Assert.Empty(converted.Notes);
    }

    [Fact]
    public void LinksAUrlAloneOnItsLineInsteadOfEmbeddingIt()
    {
        var converted = Convert("Watch this:\nhttps://video.example.net/watch?v=abc&amp;t=10\nNice, and see https://example.com/ too.\n\n<p>https://audio.example.net/track/1</p>");

        Assert.Equal(
            "<p>Watch this:</p>"
            + "<p><a href=\"https://video.example.net/watch?v=abc&amp;t=10\">https://video.example.net/watch?v=abc&amp;t=10</a></p>"
            + "<p>Nice, and see https://example.com/ too.</p>"
            + "<p><a href=\"https://audio.example.net/track/1\">https://audio.example.net/track/1</a></p>",
            Rendered(converted));
        Assert.Equal(
            ["an embed of https://video.example.net/watch?v=abc&t=10 is kept as a link", "an embed of https://audio.example.net/track/1 is kept as a link"],
            converted.Notes);
    }

    [Fact]
    public void LinksABlockEmbedAndKeepsItsCaption()
    {
        static string Embed(string caption) =>
            "<!-- wp:embed {\"url\":\"https://youtu.be/xyz\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/xyz\n</div>"
            + caption + "</figure>\n<!-- /wp:embed -->";

        var bare = Convert(Embed(""));
        Assert.Equal("<p><a href=\"https://youtu.be/xyz\">https://youtu.be/xyz</a></p>", Rendered(bare));
        Assert.Equal(["an embed of https://youtu.be/xyz is kept as a link"], bare.Notes);

        var captioned = Convert(Embed("<figcaption class=\"wp-element-caption\">The launch</figcaption>"));
        Assert.Equal(
            "<figure class=\"wp-block-embed\"><p><a href=\"https://youtu.be/xyz\">https://youtu.be/xyz</a></p><figcaption class=\"wp-element-caption\">The launch</figcaption></figure>",
            Rendered(captioned));
    }

    [Fact]
    public void LinksAPastedFrameInsteadOfLoadingIt()
    {
        var converted = Convert("Where we are:\n<iframe src=\"https://maps.example.com/embed?q=quay&amp;z=14\" width=\"600\"></iframe>\n\n<iframe src=\"javascript:alert(1)\"></iframe>");

        Assert.Equal(
            "<p>Where we are:</p><p><a href=\"https://maps.example.com/embed?q=quay&amp;z=14\">https://maps.example.com/embed?q=quay&amp;z=14</a></p>",
            Rendered(converted));
        Assert.Equal(["an embed of https://maps.example.com/embed?q=quay&z=14 is kept as a link", "an embedded frame without a web address was removed"], converted.Notes);
    }

    [Fact]
    public void LinksOnlyWebAddressesFromEmbeds()
    {
        var converted = Convert("[embed]https://example.com/clip[/embed]\n\n[embed]javascript:alert(1)[/embed]\n\n<pre>https://example.com/in-code\n</pre>");

        Assert.Equal(
            "<p><a href=\"https://example.com/clip\">https://example.com/clip</a></p><p>javascript:alert(1)</p><pre>https://example.com/in-code\n</pre>",
            Rendered(converted));
        Assert.Equal(["an embed of https://example.com/clip is kept as a link"], converted.Notes);
    }

    [Fact]
    public void TurnsCodeShortcodesIntoCodeBlocksEncodedOnce()
    {
        var raw = Convert("Try:\n[sourcecode language=\"python\"]\nif a < b:\n\n    print(\"&amp; [gallery]\")\n[/sourcecode]\nDone.");
        var encoded = Convert("[code lang=\"js\"]if (a &lt; b &amp;&amp; c) { say(&quot;hi&quot;); }[/code]");
        var plain = Convert("[code]\nhttps://example.com/\n[/code]");

        Assert.Equal(("python", "if a < b:\n\n    print(\"&amp; [gallery]\")"), Code(raw));
        Assert.StartsWith("<p>Try:</p><pre>", Rendered(raw), StringComparison.Ordinal);
        Assert.EndsWith("</pre><p>Done.</p>", Rendered(raw), StringComparison.Ordinal);
        Assert.Equal(("js", "if (a < b && c) { say(\"hi\"); }"), Code(encoded));
        Assert.Equal((null, "https://example.com/"), Code(plain));
        Assert.Empty(raw.Notes.Concat(encoded.Notes).Concat(plain.Notes));
    }

    private static (string? Language, string Text) Code(WordPressContent.Converted converted)
    {
        using var document = new HtmlParser().ParseDocument(Markdown.ToHtml(converted.Html));
        var code = Assert.Single(document.QuerySelectorAll("pre > code"));
        return (code.GetAttribute("class")?.Replace("language-", "", StringComparison.Ordinal), code.TextContent);
    }

    [Fact]
    public void PlaysAudioAndVideoShortcodesInTheBrowsersPlayers()
    {
        var converted = Convert(
            "[audio src=\"https://cdn.example.org/a.mp3\"]\n\n[audio https://cdn.example.org/b.ogg]\n\n"
            + "[video width=\"640\" mp4=\"/uploads/c.mp4\" poster=\"/uploads/c.jpg\" autoplay=\"on\" loop=\"on\"][/video]\n\n"
            + "[audio src=\"http://cdn.example.org/d.mp3\"]\n\n[audio src=\"javascript:alert(1)\"]\n\n[video loop]");

        Assert.Equal(
            "<figure class=\"wp-block-audio\"><audio controls=\"\" src=\"https://cdn.example.org/a.mp3\" preload=\"none\"><a href=\"https://cdn.example.org/a.mp3\">https://cdn.example.org/a.mp3</a></audio></figure>"
            + "<figure class=\"wp-block-audio\"><audio controls=\"\" src=\"https://cdn.example.org/b.ogg\" preload=\"none\"><a href=\"https://cdn.example.org/b.ogg\">https://cdn.example.org/b.ogg</a></audio></figure>"
            + "<figure class=\"wp-block-video\"><video controls=\"\" src=\"/uploads/c.mp4\" poster=\"/uploads/c.jpg\" loop=\"\" preload=\"metadata\"><a href=\"/uploads/c.mp4\">/uploads/c.mp4</a></video></figure>"
            + "<p><a href=\"http://cdn.example.org/d.mp3\">http://cdn.example.org/d.mp3</a></p>",
            Rendered(converted));
        Assert.Equal(
            [
                "an audio player for http://cdn.example.org/d.mp3 is kept as a link to the file (players here take https or this site's files only)",
                "an [audio] without a file address (WordPress plays the post's attached audio) was removed: add it by hand",
                "a [video] without a file address (WordPress plays the post's attached video) was removed: add it by hand",
            ],
            converted.Notes);
    }

    [Fact]
    public void ShowsAVideoShortcodeOfAYouTubeAddressAsItsCard()
    {
        var converted = Convert("[video src=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"]");

        Assert.StartsWith("<figure class=\"embed embed-video\" data-embed-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\"", Rendered(converted), StringComparison.Ordinal);
        Assert.Empty(converted.Notes);
    }

    [Fact]
    public void KeepsAudioAndVideoBlocksAsPlayersThatStartOnlyWhenAsked()
    {
        var converted = Convert(
            "<!-- wp:audio -->\n<figure class=\"wp-block-audio\"><audio controls autoplay src=\"https://old.example.org/uploads/x.ogg\"></audio><figcaption>Foghorn</figcaption></figure>\n<!-- /wp:audio -->\n\n"
            + "<!-- wp:video -->\n<figure class=\"wp-block-video\"><video onplay=\"alert(1)\">\n<source src=\"/uploads/v.webm\" type=\"video/webm\">\n<track kind=\"captions\" src=\"/uploads/v.vtt\" srclang=\"en\" label=\"English\">\n</video></figure>\n<!-- /wp:video -->\n\n"
            + "<figure class=\"wp-block-audio\"><audio controls src=\"http://old.example.org/uploads/y.mp3\"></audio></figure>");

        Assert.Equal(
            "<figure class=\"wp-block-audio\"><audio controls=\"\" src=\"https://old.example.org/uploads/x.ogg\" preload=\"none\"></audio><figcaption>Foghorn</figcaption></figure>"
            + "<figure class=\"wp-block-video\"><video controls=\"\" preload=\"metadata\"><source src=\"/uploads/v.webm\" type=\"video/webm\"><track kind=\"captions\" src=\"/uploads/v.vtt\" srclang=\"en\" label=\"English\"></video></figure>"
            + "<figure class=\"wp-block-audio\"><p><a href=\"http://old.example.org/uploads/y.mp3\">http://old.example.org/uploads/y.mp3</a></p></figure>",
            Rendered(converted));
        Assert.Equal(["an audio player for http://old.example.org/uploads/y.mp3 is kept as a link to the file (players here take https or this site's files only)"], converted.Notes);
    }

    [Fact]
    public void KeepsACoverBlocksBackgroundAsAnImage()
    {
        var converted = Convert(
            "<!-- wp:cover -->\n<div class=\"wp-block-cover has-background-dim\" style=\"background-image:url(&quot;https://old.example.org/uploads/sea.jpg&quot;)\"><div class=\"wp-block-cover__inner-container\"><!-- wp:paragraph -->\n<p>The sea</p>\n<!-- /wp:paragraph --></div></div>\n<!-- /wp:cover -->\n\n"
            + "<div class=\"wp-block-cover\" style=\"background-image:url(javascript:alert(1))\"><p>No image</p></div>");

        Assert.Equal(
            "<div class=\"wp-block-cover has-background-dim\"><img class=\"wp-block-cover__image-background\" src=\"https://old.example.org/uploads/sea.jpg\" alt=\"\"><div class=\"wp-block-cover__inner-container\"><p>The sea</p></div></div>"
            + "<div class=\"wp-block-cover\"><p>No image</p></div>",
            Rendered(converted));
        Assert.Empty(converted.Notes);
    }

    [Fact]
    public void EncodesEverythingItBuildsFromTheContent()
    {
        var converted = Convert(
            "[audio src='https://cdn.example.org/a.mp3\"><img/src=x/onerror=alert(1)>']\n\n[code]</code><img src=x onerror=alert(2)>[/code]\n\n"
            + "https://example.com/?a=1&b=<i>\n\n<div class=\"wp-block-cover\" style=\"background-image:url(&quot;/x.jpg&quot;onerror=alert(3)&quot;)\"></div>");

        Assert.DoesNotContain("<img src=x", converted.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img/src", converted.Html, StringComparison.Ordinal);
        Assert.Contains("<img class=\"wp-block-cover__image-background\" src=\"/x.jpg&quot;onerror=alert(3)\" alt=\"\">", converted.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://cdn.example.org/a.mp3&quot;&gt;&lt;img/src=x/onerror=alert(1)&gt;\"", converted.Html, StringComparison.Ordinal);
        Assert.Contains("<code>&lt;/code&gt;&lt;img src=x onerror=alert(2)&gt;</code>", converted.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsAGalleryOfTheAttachedImagesWhenTheyAreGiven()
    {
        var attached = () => (IReadOnlyList<WordPressImage>)[Quay, Crane, Buoy];

        var all = Convert("[gallery]", attached);
        Assert.Equal(
            "<ul class=\"gallery\"><li><figure><img src=\"https://old.example.org/uploads/quay.jpg\" alt=\"The quay\"><figcaption>Low tide</figcaption></figure></li>"
            + "<li><figure><img src=\"https://old.example.org/uploads/crane.jpg\" alt=\"A crane\"></figure></li>"
            + "<li><figure><img src=\"https://old.example.org/uploads/buoy.jpg\" alt=\"A buoy\"></figure></li></ul>",
            Rendered(all));
        Assert.Empty(all.Notes);
        Assert.Equal(["buoy", "quay"], Images(Convert("[gallery exclude=\"7\" order=\"DESC\" columns=\"2\"]", attached)));
        Assert.Equal(["quay", "buoy"], Images(Convert("[gallery include=\"9,3\"]", attached)));
        Assert.Equal(["buoy", "quay"], Images(Convert("[gallery ids=\"9,3\" order=\"ASC\"]", attached)));
    }

    [Fact]
    public void RemovesAGalleryItCannotFillWithANote()
    {
        var called = false;
        Assert.Equal(
            ["a [gallery] of the post's attached images was removed: add them by hand"],
            Convert("[gallery]").Notes);
        Assert.Equal(
            ["a [gallery] of the post's attached images was removed: add them by hand"],
            Convert("[gallery link=\"file\"]", () => []).Notes);
        Assert.Equal(
            ["a [gallery] of the images attached to post #12 was removed: add them by hand"],
            Convert("[gallery id=\"12\"]", () => { called = true; return [Quay]; }).Notes);
        Assert.False(called);
        Assert.Equal("", Rendered("[gallery]"));
    }

    [Theory]
    [InlineData("Intro\nline two\n<ul>\n<li>One</li>\n</ul>\n<blockquote>Quote\n\nMore</blockquote>\n<pre>a\n\nb</pre>\nhttps://youtu.be/xyz\n[code lang=\"sh\"]ls &amp;&amp; cd[/code]\n[audio src=\"/a.mp3\"]\n<p>Last</p><script>alert(1)</script>")]
    [InlineData("<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->\n\n<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/xyz\n</div><figcaption>Cap</figcaption></figure>\n\n<div class=\"wp-block-cover\" style=\"background-image:url(/sea.jpg)\"><p>Sea</p></div>\n[gallery ids=\"3,7\"]")]
    [InlineData("<!-- wp:embed -->\n<figure class=\"wp-block-embed is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div><figcaption>The launch &amp; the \"crowd\"</figcaption></figure>\n<!-- /wp:embed -->\n\nhttps://vimeo.com/76979871\n\n<!-- wp:columns -->\n<div class=\"wp-block-columns\"><div class=\"wp-block-column\" style=\"flex-basis:25%\"><p>One</p></div><div class=\"wp-block-column\"><p>Two</p></div></div>\n<!-- /wp:columns -->\n\n[audio src=\"https://cdn.example.org/a.mp3\"]\n\n[gallery ids=\"3,7\" columns=\"2\"]")]
    public void ReadsWhatItRenderedAsTheSame(string content)
    {
        // An export of the site carries the rendered HTML to WordPress, and an import of that brings it back.
        var rendered = Markdown.ToHtml(Convert(content).Html);
        var again = Convert(rendered);

        Assert.Equal(rendered, Markdown.ToHtml(again.Html));
        Assert.Empty(again.Notes);
    }

    private static string[] Images(WordPressContent.Converted converted) =>
        [.. ImageName().Matches(converted.Html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex(@"uploads/(\w+)\.jpg")]
    private static partial Regex ImageName();
}
