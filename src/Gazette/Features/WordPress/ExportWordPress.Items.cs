using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Microsoft.EntityFrameworkCore;

using static Gazette.Features.WordPress.WxrWriter;

namespace Gazette.Features.WordPress;

public sealed partial class ExportWordPress
{
    private async Task WriteArticlesAsync(XmlWriter xml, string siteUrl, Dictionary<string, string> logins, CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            var articles = await db.Articles.AsNoTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(Page)
                .Include(a => a.Categories).Include(a => a.Tags).Include(a => a.CoAuthors).AsSplitQuery()
                .ToListAsync(cancellationToken);
            if (articles.Count == 0)
            {
                return;
            }
            var ids = articles.Select(a => a.Id).ToList();
            var comments = (await db.Comments.AsNoTracking().Where(c => ids.Contains(c.ArticleId)).OrderBy(c => c.Id).ToListAsync(cancellationToken))
                .ToLookup(c => c.ArticleId);
            foreach (var article in articles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var login = logins.GetValueOrDefault(article.AuthorId) ?? "";
                string? thumbnailId = null;
                if (article.FeaturedImageUrl is { } url)
                {
                    // The article keeps its own alt, caption and credit: one attachment per article carries them.
                    thumbnailId = (FeaturedImageIds + article.Id).ToString(CultureInfo.InvariantCulture);
                    var image = new WordPressImage(url.StartsWith('/') ? siteUrl + url : url,
                        article.FeaturedImageAlt, article.FeaturedImageCaption, article.FeaturedImageCredit);
                    await WriteAttachmentAsync(xml, FeaturedImageIds + article.Id, article.Title, image, url, login, article.CreatedAt, article.Id);
                }
                await WriteArticleAsync(xml, siteUrl, article, logins, thumbnailId, comments[article.Id].ToList());
            }
            lastId = articles[^1].Id;
        }
    }

    /// <summary>
    /// A post or page. Its dates are WordPress's: <c>post_date</c> always in the site's zone, as the importer
    /// matches an item it already has by title and <c>post_date</c>; <c>post_date_gmt</c> left empty
    /// (<c>0000-00-00 00:00:00</c>) for an unpublished article that has no date of its own, as for a
    /// WordPress draft, so that publishing it there dates it then.
    /// </summary>
    private async Task WriteArticleAsync(
        XmlWriter xml, string siteUrl, Article article, Dictionary<string, string> logins, string? thumbnailId, IReadOnlyCollection<Comment> comments)
    {
        var login = logins.GetValueOrDefault(article.AuthorId) ?? "";
        var date = article.PublishedAt ?? article.CreatedAt;
        var dated = article.PublishedAt is not null || article.Status is ArticleStatus.Published or ArticleStatus.Scheduled;
        await xml.WriteStartElementAsync(null, "item", null);
        await CDataElementAsync(xml, null, "title", null, article.Title);
        await xml.WriteElementStringAsync(null, "link", null, siteUrl + ArticleLinks.Of(article.Kind, date, article.Slug));
        await xml.WriteElementStringAsync(null, "pubDate", null, RssDate(date));
        await CDataElementAsync(xml, "dc", "creator", Dc, login);
        await GuidAsync(xml, siteUrl + "/?p=" + article.Id.ToString(CultureInfo.InvariantCulture));
        await EmptyElementAsync(xml, "description");
        await CDataElementAsync(xml, "content", "encoded", Content, article.BodyHtml);
        await CDataElementAsync(xml, "excerpt", "encoded", Excerpt, article.Excerpt ?? "");
        await WpAsync(xml, "post_id", article.Id.ToString(CultureInfo.InvariantCulture));
        await WpCDataAsync(xml, "post_date", WordPressDate(siteTime.ToLocal(date)));
        await WpCDataAsync(xml, "post_date_gmt", WordPressDate(dated ? date : null));
        await WpCDataAsync(xml, "post_modified", WordPressDate(siteTime.ToLocal(article.UpdatedAt)));
        await WpCDataAsync(xml, "post_modified_gmt", WordPressDate(article.UpdatedAt));
        await WpCDataAsync(xml, "comment_status", article.CommentsOpen ? "open" : "closed");
        await WpCDataAsync(xml, "ping_status", "closed");
        await WpCDataAsync(xml, "post_name", article.Slug);
        await WpCDataAsync(xml, "status", article.Status switch
        {
            ArticleStatus.Published => "publish",
            ArticleStatus.Scheduled => "future",
            ArticleStatus.Pending => "pending",
            ArticleStatus.Private => "private",
            _ => "draft",
        });
        await WpAsync(xml, "post_parent", (article.ParentId ?? 0).ToString(CultureInfo.InvariantCulture));
        await WpAsync(xml, "menu_order", article.MenuOrder.ToString(CultureInfo.InvariantCulture));
        await WpCDataAsync(xml, "post_type", article.Kind == ArticleKind.Page ? "page" : "post");
        await WpCDataAsync(xml, "post_password", article.Password ?? "");
        await WpAsync(xml, "is_sticky", article.IsSticky ? "1" : "0");
        foreach (var category in article.Categories.OrderBy(c => c.Slug, StringComparer.Ordinal))
        {
            await TermAsync(xml, "category", category.Slug, category.Name);
        }
        foreach (var tag in article.Tags.OrderBy(t => t.Slug, StringComparer.Ordinal))
        {
            await TermAsync(xml, TaxonomyOf(tag.Slug), tag.Slug, tag.Name);
        }
        if (article.CoAuthors.Count > 0)
        {
            // Co-Authors Plus's byline: its author terms, named by login, in byline order.
            foreach (var byline in article.CoAuthors.OrderBy(c => c.Position).Select(c => c.UserId).Prepend(article.AuthorId).Distinct())
            {
                if (logins.GetValueOrDefault(byline) is { Length: > 0 } name)
                {
                    await TermAsync(xml, "author", "cap-" + Slugs.From(name), name);
                }
            }
        }
        if (thumbnailId is not null)
        {
            await MetaAsync(xml, "_thumbnail_id", thumbnailId);
        }
        // Yoast SEO's fields, which Rank Math and other SEO plugins also read in.
        if (article.SearchTitle is { } searchTitle)
        {
            await MetaAsync(xml, "_yoast_wpseo_title", searchTitle);
        }
        if (article.SearchDescription is { } searchDescription)
        {
            await MetaAsync(xml, "_yoast_wpseo_metadesc", searchDescription);
        }
        if (Episodes.Normalise(article.EnclosureUrl) is { } episode)
        {
            await MetaAsync(xml, "enclosure", Episodes.ToWordPress(
                episode.StartsWith('/') ? siteUrl + episode : episode, article.EnclosureLength, article.EnclosureType ?? Episodes.TypeOf(episode)));
        }
        var numbers = CommentNumbers(comments);
        foreach (var comment in comments.OrderBy(c => numbers[c.Id]))
        {
            var parent = comment.ParentId is { } parentId && numbers.TryGetValue(parentId, out var number) ? number : 0;
            await WriteCommentAsync(xml, comment, numbers[comment.Id], parent);
        }
        await xml.WriteEndElementAsync();
    }

    /// <summary>
    /// The <c>comment_id</c> each of an article's comments is written with. WordPress's importer inserts an
    /// item's comments in the order of their <c>comment_id</c> and files a reply under its parent only if it
    /// has already inserted that parent, so a reply must have a higher number than its parent. Ids here
    /// already do, except a reply that an import saved before its parent: that reply, and each of its replies
    /// in turn, is moved up by as many steps of 2³² as it needs, which keeps every number unique and the
    /// same from one export to the next.
    /// </summary>
    private static Dictionary<int, long> CommentNumbers(IReadOnlyCollection<Comment> comments)
    {
        var byId = comments.ToDictionary(c => c.Id);
        var numbers = new Dictionary<int, long>();
        long NumberOf(Comment comment, int depth)
        {
            if (numbers.TryGetValue(comment.Id, out var known))
            {
                return known;
            }
            long number = comment.Id;
            // The depth limit only guards against a loop of replies, which an import never saves.
            if (comment.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) && depth < 1000)
            {
                var above = NumberOf(parent, depth + 1);
                while (number <= above)
                {
                    number += 1L << 32;
                }
            }
            numbers[comment.Id] = number;
            return number;
        }
        foreach (var comment in comments)
        {
            NumberOf(comment, 0);
        }
        return numbers;
    }

    private async Task WriteCommentAsync(XmlWriter xml, Comment comment, long number, long parent)
    {
        await xml.WriteStartElementAsync("wp", "comment", Wp);
        await WpAsync(xml, "comment_id", number.ToString(CultureInfo.InvariantCulture));
        await WpCDataAsync(xml, "comment_author", comment.AuthorName);
        await WpCDataAsync(xml, "comment_author_email", comment.AuthorEmail);
        // In CDATA, unlike WordPress: a URL's "&" stays "&" for its line-by-line reader, which decodes no entities.
        await WpCDataAsync(xml, "comment_author_url", comment.AuthorWebsite ?? "");
        await WpCDataAsync(xml, "comment_author_IP", comment.AuthorIp ?? "");
        await WpCDataAsync(xml, "comment_date", WordPressDate(siteTime.ToLocal(comment.CreatedAt)));
        await WpCDataAsync(xml, "comment_date_gmt", WordPressDate(comment.CreatedAt));
        await WpCDataAsync(xml, "comment_content", CommentText.ToPortableHtml(comment.Text));
        await WpCDataAsync(xml, "comment_approved", comment.Status switch
        {
            CommentStatus.Approved => "1",
            CommentStatus.Spam => "spam",
            CommentStatus.Trash => "trash",
            _ => "0",
        });
        await WpCDataAsync(xml, "comment_type", comment.Kind switch
        {
            CommentKind.Pingback => "pingback",
            CommentKind.Trackback => "trackback",
            _ => "comment",
        });
        await WpAsync(xml, "comment_parent", parent.ToString(CultureInfo.InvariantCulture));
        await WpAsync(xml, "comment_user_id", "0");
        await xml.WriteEndElementAsync();
    }

    /// <summary>
    /// An image as a WordPress attachment. <paramref name="stored"/> is the address it has here: for a file in
    /// the media folder, <c>_wp_attached_file</c> names its <c>yyyy/mm</c> folder, which WordPress's importer
    /// files the downloaded copy under (otherwise it uses the month of the import).
    /// </summary>
    private async Task WriteAttachmentAsync(
        XmlWriter xml, int id, string title, WordPressImage image, string stored, string login, DateTime date, int parent)
    {
        var postId = id.ToString(CultureInfo.InvariantCulture);
        await xml.WriteStartElementAsync(null, "item", null);
        await CDataElementAsync(xml, null, "title", null, title);
        await xml.WriteElementStringAsync(null, "link", null, image.Url);
        await xml.WriteElementStringAsync(null, "pubDate", null, RssDate(date));
        await CDataElementAsync(xml, "dc", "creator", Dc, login);
        await GuidAsync(xml, image.Url);
        await EmptyElementAsync(xml, "description");
        await CDataElementAsync(xml, "content", "encoded", Content, image.Description ?? "");
        await CDataElementAsync(xml, "excerpt", "encoded", Excerpt, image.Caption ?? "");
        await WpAsync(xml, "post_id", postId);
        await WpCDataAsync(xml, "post_date", WordPressDate(siteTime.ToLocal(date)));
        await WpCDataAsync(xml, "post_date_gmt", WordPressDate(date));
        await WpCDataAsync(xml, "post_modified", WordPressDate(siteTime.ToLocal(date)));
        await WpCDataAsync(xml, "post_modified_gmt", WordPressDate(date));
        await WpCDataAsync(xml, "comment_status", "closed");
        await WpCDataAsync(xml, "ping_status", "closed");
        await WpCDataAsync(xml, "post_name", "attachment-" + postId);
        await WpCDataAsync(xml, "status", "inherit");
        await WpAsync(xml, "post_parent", parent.ToString(CultureInfo.InvariantCulture));
        await WpAsync(xml, "menu_order", "0");
        await WpCDataAsync(xml, "post_type", "attachment");
        await WpCDataAsync(xml, "post_password", "");
        await WpAsync(xml, "is_sticky", "0");
        await WpCDataAsync(xml, "attachment_url", image.Url);
        if (AttachedFile(stored) is { } file)
        {
            await MetaAsync(xml, "_wp_attached_file", file);
        }
        if (image.Alt is { } alt)
        {
            await MetaAsync(xml, "_wp_attachment_image_alt", alt);
        }
        if (image.Credit is { } credit)
        {
            await MetaAsync(xml, "_media_credit", credit);
        }
        await xml.WriteEndElementAsync();
    }

    /// <summary>A tag an import made of a WordPress post format (<c>post-format-aside</c>) goes back out as that format.</summary>
    private static string TaxonomyOf(string tagSlug) =>
        tagSlug.StartsWith("post-format-", StringComparison.Ordinal) ? "post_format" : "post_tag";

    /// <summary>"2024/05/harbour-3f2a.jpg" for <c>/media/2024/05/harbour-3f2a.jpg</c>: the path under the uploads folder.</summary>
    private static string? AttachedFile(string stored) =>
        MediaFolderPath().Match(stored) is { Success: true } match ? match.Groups["file"].Value : null;

    [GeneratedRegex(@"^/media/(?<file>\d{4}/\d{2}/[^/?#]+)$")]
    private static partial Regex MediaFolderPath();
}
