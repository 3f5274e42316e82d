using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// An export of WordPress 6 core blocks (blocks-wxr-1.2.xml, written for these tests) as readers see it
/// after the import: each block keeps the classes the stylesheet lays out and nothing else, the sizes
/// WordPress kept in inline styles become classes, no style attribute is left, audio and video play in
/// the browser's players, and embeds become cards that load nothing until clicked.
/// </summary>
public abstract class ImportingWordPressBlocks(GazetteApp app)
{
    private const string Fixture = "blocks-wxr-1.2.xml";
    private const string Uploads = "https://blocks.example.org/wp-content/uploads/2024/06/";

    private async Task<(IHtmlDocument Page, HttpResponseMessage Response)> ImportAndReadAsync(string slug)
    {
        var report = await app.ImportAsync(Fixture);
        Assert.True(report.Succeeded, report.ToString());
        Assert.DoesNotContain(report.Warnings, w => w.Contains("embed", StringComparison.Ordinal) || w.Contains("player", StringComparison.Ordinal));
        var article = await app.ArticleAsync(slug);
        var response = await app.CreateBrowser().GetAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.ReadDocumentAsync(), response);
    }

    [Fact]
    public async Task KeepsEveryCoreBlockWithTheClassesItsLayoutNeedsAndNoStyle()
    {
        var (page, _) = await ImportAndReadAsync("the-quay-in-blocks");
        var body = page.QuerySelector(".article-body")!;

        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain("wp-container-", body.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("is-layout-1", body.InnerHtml, StringComparison.Ordinal);

        // Columns, their widths read from flex-basis.
        var columns = One(body, ".wp-block-columns.alignwide.is-layout-flex");
        Assert.Equal(["wp-block-column is-layout-flow flex-basis-33", "wp-block-column is-layout-flow flex-basis-66"],
            columns.Children.Select(c => c.GetAttribute("class")));
        Assert.Equal("Moorings", columns.QuerySelector("h3.wp-block-heading")!.TextContent);

        // Media and text.
        var mediaText = One(body, ".wp-block-media-text.is-stacked-on-mobile");
        Assert.Equal(Uploads + "customs-shed.jpg", mediaText.QuerySelector("figure.wp-block-media-text__media > img")!.GetAttribute("src"));
        Assert.Contains("stood empty", mediaText.QuerySelector(".wp-block-media-text__content > p")!.TextContent, StringComparison.Ordinal);

        // Gallery: three images, a caption of its own.
        var gallery = One(body, "figure.wp-block-gallery.has-nested-images.columns-3.is-cropped");
        Assert.Equal("wp-block-gallery has-nested-images columns-3 is-cropped is-layout-flex", gallery.GetAttribute("class"));
        Assert.Equal(3, gallery.QuerySelectorAll(":scope > figure.wp-block-image.size-large > img").Length);
        Assert.Equal("The quay from three sides", gallery.QuerySelector(":scope > figcaption.blocks-gallery-caption.wp-element-caption")!.TextContent);

        // Buttons.
        var buttons = One(body, ".wp-block-buttons.is-layout-flex");
        Assert.Equal(["Read the plans", "Have your say"], buttons.QuerySelectorAll(".wp-block-button > a.wp-block-button__link.wp-element-button").Select(a => a.TextContent));
        Assert.NotNull(buttons.QuerySelector(".wp-block-button.is-style-outline"));

        // Cover: full width, its height and dim ratio as classes, its picture behind its text.
        var cover = One(body, ".wp-block-cover.alignfull.min-height-m");
        Assert.NotNull(cover.QuerySelector(":scope > span.wp-block-cover__background.has-background-dim-60.has-background-dim"));
        Assert.Equal(Uploads + "harbour-night.jpg", cover.QuerySelector(":scope > img.wp-block-cover__image-background")!.GetAttribute("src"));
        Assert.Equal("has-text-align-center has-large-font-size", cover.QuerySelector(".wp-block-cover__inner-container > p")!.GetAttribute("class"));

        // Pull quote, group, separator, spacer.
        Assert.Equal("The harbour master", One(body, "figure.wp-block-pullquote > blockquote > cite").TextContent);
        Assert.Equal("wp-block-group has-background is-layout-constrained wp-block-group-is-layout-constrained", One(body, ".wp-block-group").GetAttribute("class"));
        One(body, "hr.wp-block-separator.has-alpha-channel-opacity");
        Assert.Equal("wp-block-spacer spacer-s", One(body, "div.wp-block-spacer").GetAttribute("class"));

        // Table, quote, code, verse, details.
        var table = One(body, "figure.wp-block-table.is-style-stripes");
        Assert.Equal(["Year", "Work"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal("The timetable", table.QuerySelector("figcaption.wp-element-caption")!.TextContent);
        Assert.Equal("A saying on the quay", One(body, "blockquote.wp-block-quote > cite").TextContent);
        Assert.Equal("berths = 40\nif tide < 1.2:\n    close_gate()", One(body, "pre.wp-block-code > code").TextContent);
        Assert.Equal("Grey gulls on the wall,\nthe tide turning under them.", One(body, "pre.wp-block-verse").TextContent);
        Assert.Equal("Who pays for the work?", One(body, "details.wp-block-details > summary").TextContent);

        // Images aligned, resized and captioned.
        var left = One(body, "figure.wp-block-image.alignleft.is-resized");
        Assert.Equal("240", left.QuerySelector("img")!.GetAttribute("width"));
        Assert.Equal("The new buoys are red.", left.QuerySelector("figcaption.wp-element-caption")!.TextContent);
        Assert.Equal("Wide: the shed from the water", One(body, "figure.wp-block-image.alignwide > figcaption").TextContent);
        Assert.Empty(body.QuerySelectorAll("[class*='wp-image-'], [class*='-color'], [class*='-is-layout-1']"));

        // Audio and video in the browser's players, started only by the reader.
        var audio = One(body, "figure.wp-block-audio > audio");
        Assert.Equal(Uploads + "foghorn.mp3", audio.GetAttribute("src"));
        Assert.True(audio.HasAttribute("controls"));
        Assert.Equal("none", audio.GetAttribute("preload"));
        Assert.Equal("The foghorn, recorded in May", audio.ParentElement!.QuerySelector("figcaption")!.TextContent);
        var video = One(body, "figure.wp-block-video > video");
        Assert.Equal(["controls", "preload", "src"], video.Attributes.Select(a => a.Name).Order());
        Assert.Equal("none", video.GetAttribute("preload"));

        // Embeds: cards titled by their captions, or by what they are; nothing framed.
        var cards = body.QuerySelectorAll("figure.embed").ToList();
        Assert.Equal(3, cards.Count);
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", cards[0].GetAttribute("data-embed-src"));
        Assert.Equal(("YouTube", "The board's film of the plans"), CardText(cards[0]));
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", cards[0].QuerySelector("a.embed-link")!.GetAttribute("href"));
        Assert.StartsWith("https://player.vimeo.com/video/76979871?dnt=1", cards[1].GetAttribute("data-embed-src"), StringComparison.Ordinal);
        Assert.Equal(("Vimeo", "Video on Vimeo"), CardText(cards[1]));
        Assert.Null(cards[2].GetAttribute("data-embed-src"));
        Assert.Equal(("X", "Post on X"), CardText(cards[2]));
        Assert.Empty(page.QuerySelectorAll("iframe, script:not([src]):not([type='application/ld+json'])"));
    }

    [Fact]
    public async Task PlaysClassicMediaShortcodesAndLinksAndCardsEmbedsOnTheirOwnLines()
    {
        var (page, response) = await ImportAndReadAsync("films-and-sounds-from-the-quay");
        var body = page.QuerySelector(".article-body")!;

        var cards = body.QuerySelectorAll("figure.embed").ToList();
        Assert.Equal([("YouTube", "Video on YouTube"), ("Instagram", "Post on Instagram"), ("WordPress.tv", "Post on WordPress.tv")], cards.Select(CardText));
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", cards[0].GetAttribute("data-embed-src"));
        var players = body.QuerySelectorAll("audio, video").ToList();
        Assert.Equal(
            [("audio", Uploads + "gulls.ogg"), ("video", Uploads + "tide.mp4"), ("audio", Uploads + "bells.wav")],
            players.Select(p => (p.LocalName, p.GetAttribute("src")!)));
        Assert.All(players, p => Assert.Equal("none", p.GetAttribute("preload")));
        Assert.Equal(Uploads + "quay-north.jpg", players[1].GetAttribute("poster"));
        Assert.Empty(page.QuerySelectorAll("[style], iframe"));

        // The players' fallback links are not the article's text.
        var article = await app.ArticleAsync("films-and-sounds-from-the-quay");
        Assert.DoesNotContain("gulls.ogg", article.BodyText, StringComparison.Ordinal);
        Assert.Contains("That is all for this week.", article.BodyText, StringComparison.Ordinal);

        // Frames from the two players only; sound and video from this site, or an imported https address.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com;", policy, StringComparison.Ordinal);
        Assert.Contains("media-src 'self' https:;", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
    }

    private static IElement One(IElement scope, string selector)
    {
        var found = scope.QuerySelectorAll(selector);
        Assert.True(found.Length == 1, $"{found.Length} elements match {selector}");
        return found[0];
    }

    private static (string Provider, string Title) CardText(IElement card) =>
        (card.QuerySelector(".embed-provider")!.TextContent, card.QuerySelector(".embed-title")!.TextContent);
}

public sealed class ImportingWordPressBlocksOnSqlite(SqliteApp app) : ImportingWordPressBlocks(app), IClassFixture<SqliteApp>;

public sealed class ImportingWordPressBlocksOnPostgreSql(PostgreSqlApp app) : ImportingWordPressBlocks(app), IClassFixture<PostgreSqlApp>;
