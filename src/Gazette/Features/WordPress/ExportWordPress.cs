using System.Globalization;
using System.Text;
using System.Xml;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using static Gazette.Features.WordPress.WxrWriter;

namespace Gazette.Features.WordPress;

/// <summary>
/// Writes the whole site as a WordPress export (WXR 1.2), streaming: authors, categories, tags,
/// menus, the media library and each article's featured image as attachments, then posts and pages
/// with their comments, then the menus' items (<see cref="WordPressMenuExport"/>). Articles are read a page at a time, so memory does not grow with the site.
/// Elements, their order, CDATA and dates follow WordPress's own exporter (wp-admin/includes/export.php),
/// so that WordPress's importer reads everything with any of its three parsers, including the
/// line-by-line one; <see cref="ImportWordPress"/> reads it too.
/// </summary>
public sealed partial class ExportWordPress(
    GazetteDbContext db, IOptionsMonitor<GazetteOptions> options, SiteAddress address, SiteTime siteTime, TimeProvider clock)
{
    private const int Page = 200;

    /// <summary>Numbers attachments after every article, as WordPress keeps posts and attachments in one table.</summary>
    private const int FeaturedImageIds = 1_000_000_000;

    public async Task ExecuteAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var site = options.CurrentValue.Site;
        // The one source of the site's address, as for feeds and emails: the images' addresses in the
        // export are where WordPress's importer downloads them from.
        var siteUrl = address.Base;
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "\t" };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "rss", null);
        await xml.WriteAttributeStringAsync(null, "version", null, "2.0");
        await xml.WriteAttributeStringAsync("xmlns", "excerpt", null, Excerpt);
        await xml.WriteAttributeStringAsync("xmlns", "content", null, Content);
        await xml.WriteAttributeStringAsync("xmlns", "wfw", null, "http://wellformedweb.org/CommentAPI/");
        await xml.WriteAttributeStringAsync("xmlns", "dc", null, Dc);
        await xml.WriteAttributeStringAsync("xmlns", "wp", null, Wp);
        await xml.WriteStartElementAsync(null, "channel", null);
        await xml.WriteElementStringAsync(null, "title", null, site.Title);
        await xml.WriteElementStringAsync(null, "link", null, siteUrl);
        await xml.WriteElementStringAsync(null, "description", null, site.Tagline);
        await xml.WriteElementStringAsync(null, "pubDate", null, RssDate(clock.GetUtcNow().UtcDateTime));
        await xml.WriteElementStringAsync(null, "language", null, site.Language);
        await WpAsync(xml, "wxr_version", "1.2");
        await WpAsync(xml, "base_site_url", siteUrl);
        await WpAsync(xml, "base_blog_url", siteUrl);

        var logins = await WriteAuthorsAsync(xml, cancellationToken);
        await WriteTermsAsync(xml, cancellationToken);
        var menus = new WordPressMenuExport(db);
        await menus.WriteTermsAsync(xml, cancellationToken);
        await xml.WriteElementStringAsync(null, "generator", null, "Gazette");
        await WriteMediaAsync(xml, siteUrl, logins, cancellationToken);
        await WriteArticlesAsync(xml, siteUrl, logins, cancellationToken);
        await menus.WriteItemsAsync(xml, siteUrl, logins.Values.FirstOrDefault() ?? "", clock.GetUtcNow().UtcDateTime, cancellationToken);

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private async Task<Dictionary<string, string>> WriteAuthorsAsync(XmlWriter xml, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.Email, u.DisplayName }).ToListAsync(cancellationToken);
        var logins = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var user in users)
        {
            number++;
            logins[user.Id] = user.UserName ?? user.Id;
            await xml.WriteStartElementAsync("wp", "author", Wp);
            // WordPress's importer falls back to a line-by-line reader that finds an author only when the whole
            // element is on one line, as WordPress writes it. Text written first stops the writer indenting inside it.
            await xml.WriteStringAsync("");
            await WpAsync(xml, "author_id", number.ToString(CultureInfo.InvariantCulture));
            await WpCDataAsync(xml, "author_login", user.UserName ?? user.Id);
            await WpCDataAsync(xml, "author_email", user.Email ?? "");
            await WpCDataAsync(xml, "author_display_name", user.DisplayName);
            await WpCDataAsync(xml, "author_first_name", "");
            await WpCDataAsync(xml, "author_last_name", "");
            await xml.WriteEndElementAsync();
        }
        return logins;
    }

    private async Task WriteTermsAsync(XmlWriter xml, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Slug, c.Description, ParentSlug = c.Parent != null ? c.Parent.Slug : null })
            .ToListAsync(cancellationToken);
        // Parents before their children, as WordPress's importer files a child under a parent it has already made.
        var parentOf = categories.GroupBy(c => c.Slug).ToDictionary(g => g.Key, g => g.First().ParentSlug, StringComparer.Ordinal);
        int Depth(string slug)
        {
            var depth = 0;
            for (var parent = parentOf.GetValueOrDefault(slug); parent is not null && depth < 100; parent = parentOf.GetValueOrDefault(parent))
            {
                depth++;
            }
            return depth;
        }
        foreach (var category in categories.OrderBy(c => Depth(c.Slug)).ThenBy(c => c.Id))
        {
            await xml.WriteStartElementAsync("wp", "category", Wp);
            await WpAsync(xml, "term_id", category.Id.ToString(CultureInfo.InvariantCulture));
            await WpCDataAsync(xml, "category_nicename", category.Slug);
            await WpCDataAsync(xml, "category_parent", category.ParentSlug ?? "");
            await WpCDataAsync(xml, "cat_name", category.Name);
            // WordPress leaves out an empty description, as it does every empty optional term field.
            if (category.Description is { } description && !string.IsNullOrWhiteSpace(description))
            {
                await WpCDataAsync(xml, "category_description", description);
            }
            await xml.WriteEndElementAsync();
        }
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Name, t.Slug }).ToListAsync(cancellationToken);
        foreach (var tag in tags)
        {
            // Tags and categories share WordPress's term table: their ids must not collide.
            var id = (FeaturedImageIds + tag.Id).ToString(CultureInfo.InvariantCulture);
            if (TaxonomyOf(tag.Slug) == "post_format")
            {
                await xml.WriteStartElementAsync("wp", "term", Wp);
                await WpAsync(xml, "term_id", id);
                await WpCDataAsync(xml, "term_taxonomy", "post_format");
                await WpCDataAsync(xml, "term_slug", tag.Slug);
                await WpCDataAsync(xml, "term_name", tag.Name);
                await xml.WriteEndElementAsync();
                continue;
            }
            await xml.WriteStartElementAsync("wp", "tag", Wp);
            await WpAsync(xml, "term_id", id);
            await WpCDataAsync(xml, "tag_slug", tag.Slug);
            await WpCDataAsync(xml, "tag_name", tag.Name);
            await xml.WriteEndElementAsync();
        }
    }

    /// <summary>
    /// Every image of the media library, as an attachment with its alt text, caption and credit, by the
    /// login of whoever uploaded it.
    /// </summary>
    private async Task WriteMediaAsync(XmlWriter xml, string siteUrl, Dictionary<string, string> logins, CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            var page = await db.MediaItems.AsNoTracking().Where(m => m.Id > lastId).OrderBy(m => m.Id).Take(Page)
                .Select(m => new { m.Id, m.Path, m.OriginalFileName, m.AltText, m.Caption, m.Credit, m.Description, m.UploadedAt, m.UploadedById })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return;
            }
            foreach (var media in page)
            {
                var image = new WordPressImage(siteUrl + media.Path, media.AltText, media.Caption, media.Credit, media.Description);
                var uploader = media.UploadedById is { } id ? logins.GetValueOrDefault(id) ?? "" : "";
                await WriteAttachmentAsync(xml, MediaId(media.Id), Path.GetFileNameWithoutExtension(media.OriginalFileName), image, media.Path,
                    uploader, media.UploadedAt, 0);
            }
            lastId = page[^1].Id;
        }
    }

    private static int MediaId(int mediaId) => FeaturedImageIds / 2 + mediaId;
}
