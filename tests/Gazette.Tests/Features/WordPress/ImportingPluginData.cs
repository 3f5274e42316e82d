using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// What news sites' plugins leave in an export (plugins-wxr-1.2.xml): Co-Authors Plus bylines and guest
/// authors, Yoast SEO and Rank Math titles and descriptions, a podcast episode's enclosure, and an
/// attachment's description. Each comes through to the page, the feeds and back out in the export.
/// </summary>
public abstract class ImportingPluginData(GazetteApp app)
{
    private const string Site = "https://saltmarsh-post.example.org";

    private async Task<(Article Fees, Article Episode)> ImportAsync(string site = Site, string? uploads = null)
    {
        var file = WordPressFixtures.PathOf("plugins-wxr-1.2.xml");
        if (site != Site)
        {
            file = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "plugins.xml");
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(WordPressFixtures.PathOf("plugins-wxr-1.2.xml"))).Replace(Site, site, StringComparison.Ordinal));
        }
        var report = await app.ImportAsync(file, uploads);
        Assert.True(report.Succeeded, report.ToString());
        return (await app.Services.ImportedArticleAsync(site, "121"), await app.Services.ImportedArticleAsync(site, "122"));
    }

    [Fact]
    public async Task CoAuthorsPlusBylinesBecomeTheAuthorsInOrderWithGuestAuthorsAsStaff()
    {
        var (fees, episode) = await ImportAsync();

        await app.WithDbAsync(async db =>
        {
            var rosa = await db.Users.SingleAsync(u => u.UserName == "rosa-quint");
            Assert.Equal("Rosa Quint", rosa.DisplayName);
            Assert.Equal("Rosa sails the marsh channels and writes about the boats in them.", rosa.Bio);
            Assert.Null(rosa.PasswordHash);
            var wren = await db.Users.SingleAsync(u => u.UserName == "wren");
            Assert.Equal(rosa.Id, fees.AuthorId);
            var coAuthors = await db.Set<ArticleCoAuthor>().Where(c => c.ArticleId == fees.Id).OrderBy(c => c.Position).Select(c => c.UserId).ToListAsync();
            Assert.Equal([wren.Id], coAuthors);
            Assert.Equal(wren.Id, episode.AuthorId);
            Assert.Empty(await db.Set<ArticleCoAuthor>().Where(c => c.ArticleId == episode.Id).ToListAsync());
            Assert.False(await db.Tags.AnyAsync(t => t.Slug == "cap-wren"), "a byline is not a tag");
        });
        var page = await app.CreateBrowser().GetDocumentAsync(ArticleLinks.Of(fees.Kind, fees.PublishedAt!.Value, fees.Slug));
        Assert.Contains("Rosa Quint and Wren Abara", page.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);

        // Back out as Co-Authors Plus's terms, in byline order.
        var item = (await ExportAsync()).Descendants("item").Single(i => (string?)i.Element(Wp + "post_id") == fees.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(["rosa-quint", "wren"], item.Elements("category").Where(c => (string?)c.Attribute("domain") == "author").Select(c => c.Value));
    }

    [Fact]
    public async Task SeoPluginsTitlesAndDescriptionsShowInTheTitleTheMetaOpenGraphAndJsonLd()
    {
        var (fees, episode) = await ImportAsync();

        Assert.Equal("Mooring fees go up in spring \u2013 What boat owners pay", fees.SearchTitle);
        Assert.Equal("The new mooring fees, berth by berth, and when they start.", fees.SearchDescription);
        Assert.Null(episode.SearchTitle);
        Assert.Equal("Forty minutes with the estuary's last eel fisher.", episode.SearchDescription);

        var page = await app.CreateBrowser().GetDocumentAsync(ArticleLinks.Of(fees.Kind, fees.PublishedAt!.Value, fees.Slug));
        Assert.StartsWith("Mooring fees go up in spring \u2013 What boat owners pay \u2013 ", page.Title, StringComparison.Ordinal);
        Assert.Equal("Mooring fees go up in spring \u2013 What boat owners pay", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(fees.SearchDescription, page.QuerySelector("meta[name='description']")!.GetAttribute("content"));
        Assert.Equal(fees.SearchDescription, page.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
        Assert.Equal("Mooring fees go up in spring", page.QuerySelector("h1")!.TextContent.Trim());
        var jsonLd = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(e => e.TryGetProperty("@type", out var type) && type.GetString() == "NewsArticle");
        Assert.Equal(fees.SearchDescription, jsonLd.GetProperty("description").GetString());
    }

    [Fact]
    public async Task AnEditorChangesTheSearchTitleAndTheExportCarriesItBack()
    {
        // A site of its own: the test's form posts no co-authors, which the other tests look for.
        var (fees, _) = await ImportAsync("https://" + app.Unique("saltmarsh") + ".example.org");
        var editor = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(editor);
        var form = $"/admin/articles/edit/{fees.Id}";
        var fields = FormFields.Of((await editor.GetDocumentAsync(form)).QuerySelector("form#article-editor")!);
        Assert.Equal(fees.SearchTitle, fields["Form.SearchTitle"]);
        fields["Form.SearchTitle"] = "Mooring fees: what each berth pays";
        fields["Form.EnclosureUrl"] = "javascript:alert(1)";
        fields["intent"] = "publish";
        fields.Remove("Form.CategoryIds");

        var refused = await editor.PostFormAsync(form, form, fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await refused.ReadDocumentAsync();
        Assert.Equal("Mooring fees: what each berth pays", again.QuerySelector("#Form_SearchTitle")!.GetAttribute("value"));
        fields["Form.EnclosureUrl"] = "";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(form, form, fields)).StatusCode);
        var saved = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == fees.Id));
        Assert.Equal("Mooring fees: what each berth pays", saved.SearchTitle);
        Assert.Equal(fees.SearchDescription, saved.SearchDescription);

        var xml = await ExportAsync();
        var item = xml.Descendants("item").Single(i => (string?)i.Element(Wp + "post_id") == saved.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("Mooring fees: what each berth pays", MetaOf(item, "_yoast_wpseo_title"));
        Assert.Equal(fees.SearchDescription, MetaOf(item, "_yoast_wpseo_metadesc"));
    }

    [Fact]
    public async Task APodcastEpisodePlaysOnThePageAndIsTheEnclosureOfItsFeedEntries()
    {
        var (_, episode) = await ImportAsync();
        const string audio = "https://audio.saltmarsh-post.example.org/marsh-hour-7.mp3";
        Assert.Equal(audio, episode.EnclosureUrl);
        Assert.Equal(31457280, episode.EnclosureLength);
        Assert.Equal("audio/mpeg", episode.EnclosureType);

        var reader = app.CreateBrowser();
        var page = await reader.GetDocumentAsync(ArticleLinks.Of(episode.Kind, episode.PublishedAt!.Value, episode.Slug));
        var player = page.QuerySelector("figure.episode audio[controls]");
        Assert.NotNull(player);
        Assert.Equal(audio, player.GetAttribute("src"));

        var feedPath = "/author/wren/feed";
        var rss = XDocument.Parse(await reader.GetStringAsync(new Uri(feedPath, UriKind.Relative)));
        var url = ArticleLinks.Of(episode.Kind, episode.PublishedAt.Value, episode.Slug);
        var entry = rss.Descendants("item").Single(i => ((string?)i.Element("link"))?.EndsWith(url, StringComparison.Ordinal) == true);
        var enclosure = Assert.Single(entry.Elements("enclosure"));
        Assert.Equal(audio, (string?)enclosure.Attribute("url"));
        Assert.Equal("31457280", (string?)enclosure.Attribute("length"));
        Assert.Equal("audio/mpeg", (string?)enclosure.Attribute("type"));

        var atom = XDocument.Parse(await reader.GetStringAsync(new Uri(feedPath + "/atom", UriKind.Relative)));
        XNamespace a = "http://www.w3.org/2005/Atom";
        Assert.Contains(atom.Descendants(a + "link"), l => (string?)l.Attribute("rel") == "enclosure" && (string?)l.Attribute("href") == audio);

        using var json = JsonDocument.Parse(await reader.GetStringAsync(new Uri(feedPath + "/json", UriKind.Relative)));
        var item = json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString()!.EndsWith(url, StringComparison.Ordinal));
        var attachment = Assert.Single(item.GetProperty("attachments").EnumerateArray());
        Assert.Equal(audio, attachment.GetProperty("url").GetString());
        Assert.Equal("audio/mpeg", attachment.GetProperty("mime_type").GetString());
        Assert.Equal(31457280, attachment.GetProperty("size_in_bytes").GetInt64());

        var exported = (await ExportAsync()).Descendants("item")
            .Single(i => (string?)i.Element(Wp + "post_id") == episode.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal($"{audio}\n31457280\naudio/mpeg\n", MetaOf(exported, "enclosure"));
    }

    [Fact]
    public async Task AFeaturedImageKeepsItsCaptionAndItsAttachmentsDescription()
    {
        var uploads = Directory.CreateTempSubdirectory("wp-uploads-").FullName;
        Directory.CreateDirectory(Path.Combine(uploads, "2024", "02"));
        await File.WriteAllBytesAsync(Path.Combine(uploads, "2024", "02", "moorings.png"), Media.TestImages.Draw("png", 640, 400));

        // A site of its own: another test may have imported the shared one without its files.
        var (fees, _) = await ImportAsync("https://" + app.Unique("saltmarsh") + ".example.org", uploads);

        Assert.Equal("The moorings at dusk", fees.FeaturedImageCaption);
        Assert.Equal("Small boats moored below a sea wall", fees.FeaturedImageAlt);
        var media = await app.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync(m => m.Path == fees.FeaturedImageUrl));
        Assert.Equal("The moorings at dusk", media.Caption);
        Assert.Equal("Boats on their moorings below the sea wall, taken from the old lifeboat slip an hour after sunset.", media.Description);
        var attachments = (await ExportAsync()).Descendants("item").Where(i => (string?)i.Element(Wp + "post_type") == "attachment");
        Assert.Contains(attachments, i => (string?)i.Element(Content + "encoded") == media.Description);
    }

    private static readonly XNamespace Wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private static string? MetaOf(XElement item, string key) =>
        item.Elements(Wp + "postmeta").Where(m => (string?)m.Element(Wp + "meta_key") == key).Select(m => (string?)m.Element(Wp + "meta_value")).SingleOrDefault();

    private async Task<XDocument> ExportAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var stream = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ExportWordPress>().ExecuteAsync(stream, CancellationToken.None);
        stream.Position = 0;
        return XDocument.Load(stream);
    }
}

public sealed class ImportingPluginDataOnSqlite(SqliteApp app) : ImportingPluginData(app), IClassFixture<SqliteApp>;

public sealed class ImportingPluginDataOnPostgreSql(PostgreSqlApp app) : ImportingPluginData(app), IClassFixture<PostgreSqlApp>;
