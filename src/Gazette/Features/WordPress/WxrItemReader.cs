using System.Globalization;
using System.Xml;

namespace Gazette.Features.WordPress;

/// <summary>Reads one <c>item</c> element, with its terms, post meta and comments.</summary>
internal static class WxrItemReader
{
    public static WxrItem Read(XmlReader reader)
    {
        var item = new WxrItem();
        DateTime? pubDate = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return item;
        }
        reader.ReadStartElement();
        while (WxrReader.MoveToChildElement(reader))
        {
            switch (WxrReader.Key(reader))
            {
                case "category":
                    var domain = reader.GetAttribute("domain") ?? "category";
                    var nicename = reader.GetAttribute("nicename");
                    var name = WxrReader.Text(reader).Trim();
                    item.Terms.Add(new WxrItemTerm(domain, Uri.UnescapeDataString(nicename ?? ""), name));
                    break;
                case "wp:postmeta":
                    ReadMeta(reader, item);
                    break;
                case "wp:comment":
                    item.Comments.Add(ReadComment(reader));
                    break;
                case var key:
                    Assign(item, key, WxrReader.Text(reader), ref pubDate);
                    break;
            }
        }
        reader.ReadEndElement();
        // The RSS pubDate only dates an item with no wp:post_date(_gmt) at all, and never when it is a placeholder:
        // WordPress writes it from the GMT date, so an undated draft (0000-00-00 00:00:00) gets "Tue, 30 Nov 1999"
        // (older versions: "Thu, 01 Jan 1970") while its local post_date is real.
        if (item.DateGmt is null && item.DateLocal is null && pubDate is { Year: >= 2000 })
        {
            item.DateGmt = pubDate;
        }
        return item;
    }

    private static void Assign(WxrItem item, string key, string value, ref DateTime? pubDate)
    {
        switch (key)
        {
            case "title": item.Title = value.Trim(); break;
            case "link": item.Link = WxrReader.Blank(value); break;
            case "guid": item.GuidText = WxrReader.Blank(value); break;
            case "pubDate":
                pubDate = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed.UtcDateTime : null;
                break;
            case "dc:creator": item.Creator = WxrReader.Blank(value); break;
            case "content:encoded": item.Content = value; break;
            case "excerpt:encoded": item.Excerpt = value; break;
            case "wp:post_id": item.Id = value.Trim(); break;
            case "wp:post_date": item.DateLocal = WxrReader.Date(value); break;
            case "wp:post_date_gmt": item.DateGmt = WxrReader.Date(value); break;
            case "wp:post_modified": item.ModifiedLocal = WxrReader.Date(value); break;
            case "wp:post_modified_gmt": item.ModifiedGmt = WxrReader.Date(value); break;
            case "wp:post_name": item.Slug = Decode(value.Trim()); break;
            case "wp:status": item.Status = value.Trim(); break;
            case "wp:post_type": item.Type = value.Trim(); break;
            case "wp:post_parent": item.Parent = value.Trim(); break;
            case "wp:menu_order": item.MenuOrder = int.TryParse(value, CultureInfo.InvariantCulture, out var order) ? order : 0; break;
            case "wp:post_password": item.Password = WxrReader.Blank(value); break;
            case "wp:is_sticky": item.IsSticky = value.Trim() == "1"; break;
            case "wp:comment_status": item.CommentStatus = value.Trim(); break;
            case "wp:attachment_url": item.AttachmentUrl = WxrReader.Blank(value); break;
        }
    }

    private static void ReadMeta(XmlReader reader, WxrItem item)
    {
        string? key = null, value = null;
        foreach (var (name, text) in WxrReader.Children(reader))
        {
            if (name == "wp:meta_key")
            {
                key = text.Trim();
            }
            else if (name == "wp:meta_value")
            {
                value = text;
            }
        }
        if (key is not null)
        {
            item.Meta[key] = value ?? "";
        }
    }

    private static WxrComment ReadComment(XmlReader reader)
    {
        var comment = new WxrComment();
        DateTime? local = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return comment;
        }
        reader.ReadStartElement();
        while (WxrReader.MoveToChildElement(reader))
        {
            var key = WxrReader.Key(reader);
            if (key == "wp:commentmeta")
            {
                reader.Skip();
                continue;
            }
            var value = WxrReader.Text(reader);
            switch (key)
            {
                case "wp:comment_id": comment.Id = value.Trim(); break;
                case "wp:comment_author": comment.Author = value.Trim(); break;
                case "wp:comment_author_email": comment.Email = WxrReader.Blank(value); break;
                case "wp:comment_author_url": comment.Url = WxrReader.Blank(value); break;
                case "wp:comment_author_IP": comment.Ip = WxrReader.Blank(value); break;
                case "wp:comment_date": local = WxrReader.Date(value); break;
                case "wp:comment_date_gmt": comment.Date = WxrReader.Date(value); break;
                case "wp:comment_content": comment.Content = value; break;
                case "wp:comment_approved": comment.Approved = value.Trim(); break;
                case "wp:comment_type": comment.Type = value.Trim(); break;
                case "wp:comment_parent": comment.Parent = value.Trim(); break;
            }
        }
        reader.ReadEndElement();
        comment.Date ??= local;
        return comment;
    }

    /// <summary>WordPress stores non-ASCII slugs percent-encoded ("%e6%97%a5"): the readable form is kept.</summary>
    private static string Decode(string slug)
    {
        try
        {
            return Uri.UnescapeDataString(slug);
        }
        catch (UriFormatException)
        {
            return slug;
        }
    }
}
