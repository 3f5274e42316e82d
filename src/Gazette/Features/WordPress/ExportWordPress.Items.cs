using System.Globalization;
using System.Xml;
using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

public sealed partial class ExportWordPress
{
    private async Task WriteArticlesAsync(XmlWriter xml, string siteUrl, Dictionary<string, string> logins, CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            var articles = await db.Articles.AsNoTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(Page)
                .Include(a => a.Categories).Include(a => a.Tags).AsSplitQuery()
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
                string? thumbnailId = null;
                if (article.FeaturedImageUrl is { } url)
                {
                    // The article keeps its own alt, caption and credit: one attachment per article carries them.
                    thumbnailId = (FeaturedImageIds + article.Id).ToString(CultureInfo.InvariantCulture);
                    var image = new WordPressImage(url.StartsWith('/') ? siteUrl + url : url,
                        article.FeaturedImageAlt, article.FeaturedImageCaption, article.FeaturedImageCredit);
                    await WriteAttachmentAsync(xml, FeaturedImageIds + article.Id, article.Title, image, article.CreatedAt, article.Id);
                }
                await WriteArticleAsync(xml, siteUrl, article, logins.GetValueOrDefault(article.AuthorId) ?? "", thumbnailId, comments[article.Id]);
            }
            lastId = articles[^1].Id;
        }
    }

    private async Task WriteArticleAsync(
        XmlWriter xml, string siteUrl, Article article, string login, string? thumbnailId, IEnumerable<Comment> comments)
    {
        var date = article.PublishedAt ?? article.CreatedAt;
        var published = article.Status is ArticleStatus.Published or ArticleStatus.Scheduled;
        await xml.WriteStartElementAsync(null, "item", null);
        await xml.WriteElementStringAsync(null, "title", null, article.Title);
        await xml.WriteElementStringAsync(null, "link", null, siteUrl + ArticleLinks.Of(article.Kind, date, article.Slug));
        await xml.WriteElementStringAsync(null, "pubDate", null, new DateTimeOffset(date, TimeSpan.Zero).ToString("r", CultureInfo.InvariantCulture));
        await CDataElementAsync(xml, "dc", "creator", Dc, login);
        await xml.WriteStartElementAsync(null, "guid", null);
        await xml.WriteAttributeStringAsync(null, "isPermaLink", null, "false");
        await xml.WriteStringAsync(siteUrl + "/?p=" + article.Id.ToString(CultureInfo.InvariantCulture));
        await xml.WriteEndElementAsync();
        await xml.WriteElementStringAsync(null, "description", null, "");
        await CDataElementAsync(xml, "content", "encoded", Content, article.BodyHtml);
        await CDataElementAsync(xml, "excerpt", "encoded", Excerpt, article.Excerpt ?? "");
        await WpAsync(xml, "post_id", article.Id.ToString(CultureInfo.InvariantCulture));
        await WpCDataAsync(xml, "post_date", WordPressDate(published || article.PublishedAt is not null ? siteTime.ToLocal(date) : null));
        await WpCDataAsync(xml, "post_date_gmt", WordPressDate(published || article.PublishedAt is not null ? date : null));
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
            _ => "draft",
        });
        await WpAsync(xml, "post_parent", (article.ParentId ?? 0).ToString(CultureInfo.InvariantCulture));
        await WpAsync(xml, "menu_order", article.MenuOrder.ToString(CultureInfo.InvariantCulture));
        await WpCDataAsync(xml, "post_type", article.Kind == ArticleKind.Page ? "page" : "post");
        await WpCDataAsync(xml, "post_password", "");
        await WpAsync(xml, "is_sticky", article.IsSticky ? "1" : "0");
        foreach (var category in article.Categories.OrderBy(c => c.Slug, StringComparer.Ordinal))
        {
            await TermAsync(xml, "category", category.Slug, category.Name);
        }
        foreach (var tag in article.Tags.OrderBy(t => t.Slug, StringComparer.Ordinal))
        {
            await TermAsync(xml, "post_tag", tag.Slug, tag.Name);
        }
        if (thumbnailId is not null)
        {
            await MetaAsync(xml, "_thumbnail_id", thumbnailId);
        }
        foreach (var comment in comments)
        {
            await WriteCommentAsync(xml, comment);
        }
        await xml.WriteEndElementAsync();
    }

    private async Task WriteCommentAsync(XmlWriter xml, Comment comment)
    {
        await xml.WriteStartElementAsync("wp", "comment", Wp);
        await WpAsync(xml, "comment_id", comment.Id.ToString(CultureInfo.InvariantCulture));
        await WpCDataAsync(xml, "comment_author", comment.AuthorName);
        await WpCDataAsync(xml, "comment_author_email", comment.AuthorEmail);
        await WpAsync(xml, "comment_author_url", comment.AuthorWebsite ?? "");
        await WpCDataAsync(xml, "comment_author_IP", comment.AuthorIp ?? "");
        await WpCDataAsync(xml, "comment_date", WordPressDate(siteTime.ToLocal(comment.CreatedAt)));
        await WpCDataAsync(xml, "comment_date_gmt", WordPressDate(comment.CreatedAt));
        // Comments here are plain text; WordPress shows comment_content as HTML.
        await WpCDataAsync(xml, "comment_content", System.Net.WebUtility.HtmlEncode(comment.Text));
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
        await WpAsync(xml, "comment_parent", (comment.ParentId ?? 0).ToString(CultureInfo.InvariantCulture));
        await WpAsync(xml, "comment_user_id", "0");
        await xml.WriteEndElementAsync();
    }

    private async Task WriteAttachmentAsync(XmlWriter xml, int id, string title, WordPressImage image, DateTime date, int parent)
    {
        var postId = id.ToString(CultureInfo.InvariantCulture);
        await xml.WriteStartElementAsync(null, "item", null);
        await xml.WriteElementStringAsync(null, "title", null, title);
        await xml.WriteElementStringAsync(null, "link", null, image.Url);
        await xml.WriteElementStringAsync(null, "pubDate", null, new DateTimeOffset(date, TimeSpan.Zero).ToString("r", CultureInfo.InvariantCulture));
        await CDataElementAsync(xml, "dc", "creator", Dc, "");
        await xml.WriteStartElementAsync(null, "guid", null);
        await xml.WriteAttributeStringAsync(null, "isPermaLink", null, "false");
        await xml.WriteStringAsync(image.Url);
        await xml.WriteEndElementAsync();
        await xml.WriteElementStringAsync(null, "description", null, "");
        await CDataElementAsync(xml, "content", "encoded", Content, "");
        await CDataElementAsync(xml, "excerpt", "encoded", Excerpt, image.Caption ?? "");
        await WpAsync(xml, "post_id", postId);
        await WpCDataAsync(xml, "post_date", WordPressDate(siteTime.ToLocal(date)));
        await WpCDataAsync(xml, "post_date_gmt", WordPressDate(date));
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

    private static async Task TermAsync(XmlWriter xml, string domain, string slug, string name)
    {
        await xml.WriteStartElementAsync(null, "category", null);
        await xml.WriteAttributeStringAsync(null, "domain", null, domain);
        await xml.WriteAttributeStringAsync(null, "nicename", null, slug);
        await WriteCDataAsync(xml, name);
        await xml.WriteEndElementAsync();
    }

    private static async Task MetaAsync(XmlWriter xml, string key, string value)
    {
        await xml.WriteStartElementAsync("wp", "postmeta", Wp);
        await WpCDataAsync(xml, "meta_key", key);
        await WpCDataAsync(xml, "meta_value", value);
        await xml.WriteEndElementAsync();
    }

    private static Task WpAsync(XmlWriter xml, string name, string value) => xml.WriteElementStringAsync("wp", name, Wp, value);

    private static Task WpCDataAsync(XmlWriter xml, string name, string value) => CDataElementAsync(xml, "wp", name, Wp, value);

    private static async Task CDataElementAsync(XmlWriter xml, string prefix, string name, string ns, string value)
    {
        await xml.WriteStartElementAsync(prefix, name, ns);
        await WriteCDataAsync(xml, value);
        await xml.WriteEndElementAsync();
    }

    /// <summary>CDATA as WordPress writes it: a <c>]]&gt;</c> in the text ends one section and starts the next.</summary>
    private static async Task WriteCDataAsync(XmlWriter xml, string value)
    {
        var parts = value.Split("]]>");
        for (var i = 0; i < parts.Length; i++)
        {
            var text = (i > 0 ? ">" : "") + parts[i] + (i < parts.Length - 1 ? "]]" : "");
            // Characters XML 1.0 cannot hold at all (control characters) are left out rather than make the file unreadable.
            await xml.WriteCDataAsync(XmlSafe(text));
        }
    }

    private static string XmlSafe(string text)
    {
        if (text.All(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)) && !HasLoneSurrogate(text))
        {
            return text;
        }
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
        }
        return kept.ToString();
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static string WordPressDate(DateTime? date) =>
        date?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "0000-00-00 00:00:00";
}
