using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Gazette.Data;
using Gazette.Features.WordPress;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// The site's export is written the way WordPress writes WXR 1.2 (wp-admin/includes/export.php), element
/// by element, so that WordPress's importer reads all of it: with its SimpleXML and XML parsers, and with
/// the line-by-line reader it falls back to. The site runs in Stockholm time, so that local and GMT dates differ.
/// </summary>
public abstract class WritingAnExportWordPressReads(GazetteApp app)
{
    private static readonly XNamespace Wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Excerpt = "http://wordpress.org/export/1.2/excerpt/";

    private const string MediaPath = "/media/2024/05/quay-lights-ab12cd.jpg";

    /// <summary>The item elements WordPress writes as bare integers, not CDATA.</summary>
    private static readonly string[] Numbers = ["post_id", "post_parent", "menu_order", "is_sticky"];

    [Fact]
    public async Task DeclaresTheWxr12NamespacesAndTheChannelHeader()
    {
        var (_, doc) = await ExportAsync();

        var rss = doc.Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        Assert.Equal("http://wordpress.org/export/1.2/excerpt/", (string?)rss.Attribute(XNamespace.Xmlns + "excerpt"));
        Assert.Equal("http://purl.org/rss/1.0/modules/content/", (string?)rss.Attribute(XNamespace.Xmlns + "content"));
        Assert.Equal("http://wellformedweb.org/CommentAPI/", (string?)rss.Attribute(XNamespace.Xmlns + "wfw"));
        Assert.Equal("http://purl.org/dc/elements/1.1/", (string?)rss.Attribute(XNamespace.Xmlns + "dc"));
        Assert.Equal("http://wordpress.org/export/1.2/", (string?)rss.Attribute(XNamespace.Xmlns + "wp"));
        var channel = rss.Element("channel")!;
        Assert.Equal(
            ["title", "link", "description", "pubDate", "language", "wp:wxr_version", "wp:base_site_url", "wp:base_blog_url"],
            channel.Elements().Take(8).Select(Key));
        Assert.Equal("1.2", (string?)channel.Element(Wp + "wxr_version"));
        Assert.Matches(RssDate, (string?)channel.Element("pubDate"));
        Assert.Equal((string?)channel.Element("link"), (string?)channel.Element(Wp + "base_site_url"));
    }

    [Fact]
    public async Task WritesEachAuthorOnOneLineAndNamesTheAuthorOfEveryItemByLogin()
    {
        var (text, doc) = await ExportAsync();
        var channel = doc.Root!.Element("channel")!;

        // WordPress's fallback reader takes an author only from a line that holds the whole element.
        var lines = text.Split('\n').Where(l => l.Contains("<wp:author>", StringComparison.Ordinal)).ToList();
        Assert.Equal(channel.Elements(Wp + "author").Count(), lines.Count);
        Assert.All(lines, l => Assert.EndsWith("</wp:author>", l.TrimEnd(), StringComparison.Ordinal));
        var authors = channel.Elements(Wp + "author").ToList();
        Assert.All(authors, a => Assert.Equal(
            ["wp:author_id", "wp:author_login", "wp:author_email", "wp:author_display_name", "wp:author_first_name", "wp:author_last_name"],
            a.Elements().Select(Key)));
        var ines = authors.Single(a => (string?)a.Element(Wp + "author_login") == "ines.okafor");
        Assert.Equal("Inès Okafor", (string?)ines.Element(Wp + "author_display_name"));
        Assert.Equal("ines@harbour.example.com", (string?)ines.Element(Wp + "author_email"));
        Assert.True(int.TryParse((string?)ines.Element(Wp + "author_id"), CultureInfo.InvariantCulture, out _));

        // The importer gives an item to the author whose login its dc:creator names; attachments included.
        var logins = authors.Select(a => (string?)a.Element(Wp + "author_login")).ToHashSet();
        Assert.All(Items(doc), item => Assert.Contains((string?)item.Element(Dc + "creator"), logins));
        Assert.Equal("ines.okafor", (string?)Item(doc, i => (string?)i.Element(Wp + "attachment_url") == "http://localhost" + MediaPath).Element(Dc + "creator"));
        var ferry = Item(doc, i => (string?)i.Element(Wp + "post_name") == "night-ferry-sails-again");
        var thumbnail = Meta(ferry, "_thumbnail_id");
        Assert.Equal((string?)ferry.Element(Dc + "creator"), (string?)Item(doc, i => (string?)i.Element(Wp + "post_id") == thumbnail).Element(Dc + "creator"));
    }

    [Fact]
    public async Task ListsCategoriesParentsFirstByTheParentsSlugThenTagsWithTheirOwnTermIds()
    {
        var (_, doc) = await ExportAsync();
        var channel = doc.Root!.Element("channel")!;

        var categories = channel.Elements(Wp + "category").ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            Assert.Equal(["wp:term_id", "wp:category_nicename", "wp:category_parent", "wp:cat_name"], category.Elements().Take(4).Select(Key));
            var parent = (string)category.Element(Wp + "category_parent")!;
            Assert.True(parent.Length == 0 || seen.Contains(parent), $"{(string?)category.Element(Wp + "category_nicename")} comes before its parent {parent}");
            seen.Add((string)category.Element(Wp + "category_nicename")!);
        }
        var quay = categories.Single(c => (string?)c.Element(Wp + "category_nicename") == "quay");
        Assert.Equal("town", (string?)quay.Element(Wp + "category_parent"));
        Assert.Equal("Quay & Moorings", (string?)quay.Element(Wp + "cat_name"));
        Assert.Null(quay.Element(Wp + "category_description"));
        var news = categories.Single(c => (string?)c.Element(Wp + "category_nicename") == "news");
        Assert.Equal("Everything that happened this week.", (string?)news.Element(Wp + "category_description"));

        var tags = channel.Elements(Wp + "tag").ToList();
        Assert.All(tags, t => Assert.Equal(["wp:term_id", "wp:tag_slug", "wp:tag_name"], t.Elements().Select(Key)));
        Assert.Equal("Été", (string?)tags.Single(t => (string?)t.Element(Wp + "tag_slug") == "ete").Element(Wp + "tag_name"));
        var termIds = categories.Concat(tags).Select(t => (string?)t.Element(Wp + "term_id")).ToList();
        Assert.Equal(termIds.Count, termIds.Distinct().Count());
    }

    [Fact]
    public async Task WritesEveryItemWithWordPresssElementsInItsOrderAndNoEmptyTags()
    {
        var (text, doc) = await ExportAsync();

        string[] order =
        [
            "title", "link", "pubDate", "dc:creator", "guid", "description", "content:encoded", "excerpt:encoded",
            "wp:post_id", "wp:post_date", "wp:post_date_gmt", "wp:post_modified", "wp:post_modified_gmt", "wp:comment_status",
            "wp:ping_status", "wp:post_name", "wp:status", "wp:post_parent", "wp:menu_order", "wp:post_type", "wp:post_password", "wp:is_sticky",
        ];
        foreach (var item in Items(doc))
        {
            Assert.Equal(order, item.Elements().Take(order.Length).Select(Key));
            Assert.Equal("false", (string?)item.Element("guid")!.Attribute("isPermaLink"));
            Assert.Matches(RssDate, (string?)item.Element("pubDate"));
            Assert.Matches("^(post|page|attachment|nav_menu_item)$", (string?)item.Element(Wp + "post_type"));
            foreach (var number in Numbers)
            {
                Assert.True(long.TryParse((string?)item.Element(Wp + number), CultureInfo.InvariantCulture, out _), number);
            }
        }
        // Titles are CDATA, as WordPress writes them since 5.7: its line-by-line reader decodes no entities.
        Assert.Contains("<title><![CDATA[Quay & lights]]></title>", text, StringComparison.Ordinal);
        // WordPress writes <description></description>, never <description />; nothing here is self-closing.
        using (var reader = XmlReader.Create(new StringReader(text)))
        {
            while (reader.Read())
            {
                Assert.False(reader.NodeType == XmlNodeType.Element && reader.IsEmptyElement, $"<{reader.Name} /> on line {((IXmlLineInfo)reader).LineNumber}");
            }
        }
        // A "]]>" in the text ends one CDATA section and starts the next, as WordPress splits it.
        Assert.Contains("<excerpt:encoded><![CDATA[Times ]]]]><![CDATA[> tides]]></excerpt:encoded>", text, StringComparison.Ordinal);
        Assert.Equal("Times ]]> tides", (string?)Item(doc, i => (string?)i.Element(Wp + "post_name") == "regatta-timetable").Element(Excerpt + "encoded"));
    }

    [Fact]
    public async Task DatesItemsInTheSitesZoneAndInGmtAndLeavesAnUndatedDraftsGmtDateEmpty()
    {
        var (_, doc) = await ExportAsync();
        var zone = app.Services.GetRequiredService<SiteTime>();

        var ferry = Item(doc, i => (string?)i.Element(Wp + "post_name") == "night-ferry-sails-again");
        var published = new DateTime(2021, 6, 4, 21, 30, 0, DateTimeKind.Utc);
        Assert.Equal("2021-06-04 23:30:00", (string?)ferry.Element(Wp + "post_date"));
        Assert.Equal(Stamp(zone.ToLocal(published)), (string?)ferry.Element(Wp + "post_date"));
        Assert.Equal("2021-06-04 21:30:00", (string?)ferry.Element(Wp + "post_date_gmt"));
        Assert.Equal("Fri, 04 Jun 2021 21:30:00 +0000", (string?)ferry.Element("pubDate"));
        Assert.Equal("publish", (string?)ferry.Element(Wp + "status"));

        // A draft that was never dated: WordPress keeps its local date and no GMT date, so publishing dates it then.
        var draft = await app.ArticleAsync("draft-harbour-dues");
        var undated = Item(doc, i => (string?)i.Element(Wp + "post_name") == "draft-harbour-dues");
        Assert.Equal("draft", (string?)undated.Element(Wp + "status"));
        Assert.Equal(Stamp(zone.ToLocal(draft.CreatedAt)), (string?)undated.Element(Wp + "post_date"));
        Assert.Equal("0000-00-00 00:00:00", (string?)undated.Element(Wp + "post_date_gmt"));

        var future = Item(doc, i => (string?)i.Element(Wp + "post_name") == "regatta-timetable");
        Assert.Equal("future", (string?)future.Element(Wp + "status"));
        Assert.Equal("2098-06-01 09:00:00", (string?)future.Element(Wp + "post_date_gmt"));
    }

    [Fact]
    public async Task WritesImagesAsAttachmentsThatWordPressDownloadsIntoTheSameMonthFolder()
    {
        var (_, doc) = await ExportAsync();
        var zone = app.Services.GetRequiredService<SiteTime>();

        var media = Item(doc, i => (string?)i.Element(Wp + "attachment_url") == "http://localhost" + MediaPath);
        Assert.Equal("attachment", (string?)media.Element(Wp + "post_type"));
        Assert.Equal("inherit", (string?)media.Element(Wp + "status"));
        Assert.Equal("http://localhost" + MediaPath, (string?)media.Element("guid"));
        // WordPress's importer files the copy it downloads under the yyyy/mm of _wp_attached_file.
        Assert.Equal("2024/05/quay-lights-ab12cd.jpg", Meta(media, "_wp_attached_file"));
        Assert.Equal("The quay at night", Meta(media, "_wp_attachment_image_alt"));
        Assert.Equal("Quay & lights", (string?)media.Element(Excerpt + "encoded"));
        Assert.Equal("Harbour Photo Desk", Meta(media, "_media_credit"));
        var uploaded = new DateTime(2024, 5, 3, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(Stamp(zone.ToLocal(uploaded)), (string?)media.Element(Wp + "post_date"));
        Assert.Equal("2024-05-03 10:00:00", (string?)media.Element(Wp + "post_date_gmt"));
        Assert.Equal("2024-05-03 10:00:00", (string?)media.Element(Wp + "post_modified_gmt"));

        // A featured image is an attachment of its own, under the article, named by the article's _thumbnail_id.
        var ferry = Item(doc, i => (string?)i.Element(Wp + "post_name") == "night-ferry-sails-again");
        var thumbnail = Item(doc, i => (string?)i.Element(Wp + "post_id") == Meta(ferry, "_thumbnail_id"));
        Assert.Equal("attachment", (string?)thumbnail.Element(Wp + "post_type"));
        Assert.Equal((string?)ferry.Element(Wp + "post_id"), (string?)thumbnail.Element(Wp + "post_parent"));
        Assert.Equal("https://harbour.example.com/wp-content/uploads/2021/06/ferry.jpg", (string?)thumbnail.Element(Wp + "attachment_url"));
        Assert.Null(Meta(thumbnail, "_wp_attached_file"));
        Assert.Equal("The ferry at dusk", Meta(thumbnail, "_wp_attachment_image_alt"));
        Assert.NotNull(thumbnail.Element(Wp + "post_modified"));
    }

    [Fact]
    public async Task NumbersEachReplyAfterItsParentAndWritesCommentsAsWordPressStoresThem()
    {
        var (text, doc) = await ExportAsync();
        var zone = app.Services.GetRequiredService<SiteTime>();

        // WordPress's importer inserts an item's comments by ascending comment_id and maps a reply's parent
        // only once it has inserted it: every parent must be a comment of the same item with a lower number.
        foreach (var item in Items(doc))
        {
            var numbers = item.Elements(Wp + "comment").Select(c => long.Parse((string)c.Element(Wp + "comment_id")!, CultureInfo.InvariantCulture)).ToHashSet();
            foreach (var comment in item.Elements(Wp + "comment"))
            {
                var id = long.Parse((string)comment.Element(Wp + "comment_id")!, CultureInfo.InvariantCulture);
                var parent = long.Parse((string)comment.Element(Wp + "comment_parent")!, CultureInfo.InvariantCulture);
                Assert.True(parent == 0 || (numbers.Contains(parent) && parent < id), $"comment {id} replies to {parent}");
            }
        }
        var ferry = Item(doc, i => (string?)i.Element(Wp + "post_name") == "night-ferry-sails-again");
        var comments = ferry.Elements(Wp + "comment").ToDictionary(c => (string)c.Element(Wp + "comment_author")!);
        // The reply was saved before its parent (as an import may do): it still comes after it.
        Assert.Equal((string?)comments["Late Parent"].Element(Wp + "comment_id"), (string?)comments["Early Reply"].Element(Wp + "comment_parent"));
        Assert.Equal((string?)comments["Replier 1"].Element(Wp + "comment_id"), (string?)comments["Replier 2"].Element(Wp + "comment_parent"));
        Assert.Equal("0", (string?)comments["Replier 1"].Element(Wp + "comment_parent"));

        string[] order =
        [
            "wp:comment_id", "wp:comment_author", "wp:comment_author_email", "wp:comment_author_url", "wp:comment_author_IP",
            "wp:comment_date", "wp:comment_date_gmt", "wp:comment_content", "wp:comment_approved", "wp:comment_type",
            "wp:comment_parent", "wp:comment_user_id",
        ];
        Assert.All(comments.Values, c => Assert.Equal(order, c.Elements().Select(Key)));
        Assert.Equal("1", (string?)comments["Replier 10"].Element(Wp + "comment_approved"));
        Assert.Equal("spam", (string?)comments["Cheap Pills"].Element(Wp + "comment_approved"));
        Assert.Equal("0", (string?)comments["Waiting Walter"].Element(Wp + "comment_approved"));
        Assert.Equal("Is the band playing <a href=\"https://band.example.org/dates\">every night</a>?\nAsking for a friend.",
            (string?)comments["Waiting Walter"].Element(Wp + "comment_content"));
        Assert.Equal("trash", (string?)comments["Binned Bob"].Element(Wp + "comment_approved"));
        Assert.Equal("comment", (string?)comments["Replier 1"].Element(Wp + "comment_type"));
        Assert.Equal("pingback", (string?)comments["Bay Blog » Ferry news"].Element(Wp + "comment_type"));
        Assert.Equal("trackback", (string?)comments["Coast Notes"].Element(Wp + "comment_type"));
        Assert.All(comments.Values, c => Assert.Equal("0", (string?)c.Element(Wp + "comment_user_id")));

        var late = comments["Late Parent"];
        Assert.Equal(Stamp(zone.ToLocal(new DateTime(2021, 6, 5, 12, 0, 0, DateTimeKind.Utc))), (string?)late.Element(Wp + "comment_date"));
        Assert.Equal("2021-06-05 12:00:00", (string?)late.Element(Wp + "comment_date_gmt"));
        // A comment's text as the HTML WordPress keeps a typed comment in: its tags kept, any other "& < >" escaped;
        // the address's "&" kept whole in CDATA.
        Assert.Equal("Fish & chips, \"the best\" <3 it's true", WebUnescape((string?)late.Element(Wp + "comment_content")));
        Assert.Equal("Fish &amp; chips, \"the best\" &lt;3 it's true", (string?)late.Element(Wp + "comment_content"));
        Assert.Contains("<wp:comment_author_url><![CDATA[https://example.org/?a=1&b=2]]></wp:comment_author_url>", text, StringComparison.Ordinal);
    }

    private static string WebUnescape(string? html) => System.Net.WebUtility.HtmlDecode(html ?? "");

    private const string RssDate = @"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$";

    private static string Stamp(DateTime date) => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"wp:post_id", "content:encoded", "title": an element's name with the prefix WordPress gives it.</summary>
    private static string Key(XElement element) => element.GetPrefixOfNamespace(element.Name.Namespace) is { } prefix
        ? prefix + ":" + element.Name.LocalName
        : element.Name.LocalName;

    private static IEnumerable<XElement> Items(XDocument doc) => doc.Root!.Element("channel")!.Elements("item");

    private static XElement Item(XDocument doc, Func<XElement, bool> match) => Items(doc).Single(match);

    private static string? Meta(XElement item, string key) => item.Elements(Wp + "postmeta")
        .Where(m => (string?)m.Element(Wp + "meta_key") == key).Select(m => (string?)m.Element(Wp + "meta_value")).SingleOrDefault();

    /// <summary>
    /// The harbour export imported, and what an export must also carry: an image of the media library, a
    /// reply saved before its parent, a comment in need of escaping, an undated draft and a "]]&gt;" in an excerpt.
    /// </summary>
    private async Task<(string Text, XDocument Doc)> ExportAsync()
    {
        var report = await app.ImportAsync(WordPressFixtures.Harbour);
        Assert.True(report.Succeeded, report.ToString());
        await app.WithDbAsync(async db =>
        {
            if (await db.MediaItems.AnyAsync(m => m.Path == MediaPath))
            {
                return;
            }
            var ines = await db.Users.SingleAsync(u => u.UserName == "ines.okafor");
            db.MediaItems.Add(new MediaItem
            {
                OriginalFileName = "Quay & lights.jpg", Path = MediaPath, ContentType = "image/jpeg", Width = 800, Height = 600, Bytes = 1234,
                AltText = "The quay at night", Caption = "Quay & lights", Credit = "Harbour Photo Desk",
                UploadedAt = new DateTime(2024, 5, 3, 10, 0, 0, DateTimeKind.Utc), UploadedById = ines.Id,
            });
            var ferry = await db.Articles.SingleAsync(a => a.Slug == "night-ferry-sails-again");
            var reply = Comment(ferry, "Early Reply", "Agreed.", new DateTime(2021, 6, 5, 13, 0, 0, DateTimeKind.Utc));
            db.Comments.Add(reply);
            await db.SaveChangesAsync();
            var parent = Comment(ferry, "Late Parent", "Fish & chips, \"the best\" <3 it's true", new DateTime(2021, 6, 5, 12, 0, 0, DateTimeKind.Utc));
            parent.AuthorWebsite = "https://example.org/?a=1&b=2";
            db.Comments.Add(parent);
            await db.SaveChangesAsync();
            reply.ParentId = parent.Id;
            var draft = await db.Articles.SingleAsync(a => a.Slug == "draft-harbour-dues");
            draft.PublishedAt = null;
            var regatta = await db.Articles.SingleAsync(a => a.Slug == "regatta-timetable");
            regatta.Excerpt = "Times ]]> tides";
            await db.SaveChangesAsync();
        });
        await using var scope = app.Services.CreateAsyncScope();
        using var stream = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ExportWordPress>().ExecuteAsync(stream, CancellationToken.None);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        return (text, XDocument.Parse(text));
    }

    private static Comment Comment(Article article, string author, string text, DateTime created) => new()
    {
        ArticleId = article.Id,
        AuthorName = author,
        AuthorEmail = author.ToLowerInvariant().Replace(' ', '.') + "@example.org",
        Text = text,
        Status = CommentStatus.Approved,
        CreatedAt = created,
    };
}

/// <summary>The test app, with the site's clocks in Stockholm: two hours ahead of GMT in June.</summary>
public sealed class StockholmSqliteApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting("Gazette:Site:TimeZone", "Europe/Stockholm");
    }
}

/// <summary>The PostgreSQL test app, with the site's clocks in Stockholm.</summary>
public sealed class StockholmPostgreSqlApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        PostgreSqlApp.UseNewDatabase(builder);
        builder.UseSetting("Gazette:Site:TimeZone", "Europe/Stockholm");
    }
}

public sealed class WritingAnExportWordPressReadsOnSqlite(StockholmSqliteApp app)
    : WritingAnExportWordPressReads(app), IClassFixture<StockholmSqliteApp>;

public sealed class WritingAnExportWordPressReadsOnPostgreSql(StockholmPostgreSqlApp app)
    : WritingAnExportWordPressReads(app), IClassFixture<StockholmPostgreSqlApp>;
