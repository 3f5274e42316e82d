using System.Globalization;
using System.Text;
using System.Xml;
using Gazette.Infrastructure;

namespace Gazette.Features.Syndication;

/// <summary>Writes the sitemap index, sitemap files (sitemaps.org 0.9) and the Google News sitemap.</summary>
public static class SitemapWriter
{
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    private const string ImageNs = "http://www.google.com/schemas/sitemap-image/1.1";

    public static byte[] Index(Uri root, IEnumerable<(string Path, DateTime? LastModified)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Write(writer =>
        {
            writer.WriteStartElement("sitemapindex", SitemapNs);
            foreach (var (path, lastModified) in files)
            {
                writer.WriteStartElement("sitemap", SitemapNs);
                writer.WriteElementString("loc", SitemapNs, Absolute(root, path));
                WriteLastModified(writer, lastModified);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    public static byte[] UrlSet(Uri root, IEnumerable<SitemapUrl> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return Write(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNs);
            writer.WriteAttributeString("xmlns", "image", null, ImageNs);
            foreach (var url in urls)
            {
                writer.WriteStartElement("url", SitemapNs);
                writer.WriteElementString("loc", SitemapNs, Absolute(root, url.Path));
                WriteLastModified(writer, url.LastModified);
                if (url.ImageUrl is { } image && FeedText.Absolute(image, root) is { } imageUrl)
                {
                    writer.WriteStartElement("image", "image", ImageNs);
                    writer.WriteElementString("image", "loc", ImageNs, imageUrl);
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    /// <summary>The Google News sitemap; <paramref name="language"/> as <see cref="NewsLanguage"/> gives it.</summary>
    public static byte[] News(Uri root, string publication, string language, IEnumerable<NewsUrl> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return Write(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNs);
            writer.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var url in urls)
            {
                writer.WriteStartElement("url", SitemapNs);
                writer.WriteElementString("loc", SitemapNs, Absolute(root, url.Path));
                writer.WriteStartElement("news", "news", NewsNs);
                writer.WriteStartElement("news", "publication", NewsNs);
                writer.WriteElementString("news", "name", NewsNs, FeedText.ForXml(publication));
                writer.WriteElementString("news", "language", NewsNs, language);
                writer.WriteEndElement();
                writer.WriteElementString("news", "publication_date", NewsNs, SiteTime.Iso(url.PublishedAt));
                writer.WriteElementString("news", "title", NewsNs, FeedText.ForXml(url.Title));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    /// <summary>Google News' language code for a culture: the ISO 639 language, except Chinese, which names its script.</summary>
    public static string NewsLanguage(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (culture.TwoLetterISOLanguageName == "zh")
        {
            return culture.Name is "zh-TW" or "zh-HK" or "zh-MO" or "zh-Hant" ? "zh-tw" : "zh-cn";
        }
        return culture.TwoLetterISOLanguageName;
    }

    /// <summary>
    /// The absolute address of a site path. A path of plain address characters (a post's, almost always)
    /// is joined as it is; anything else (a slug in another script) is escaped by <see cref="Uri"/>. A
    /// posts file has a thousand of them.
    /// </summary>
    private static string Absolute(Uri root, string path)
    {
        if (path.StartsWith('/') && root.AbsolutePath == "/" && path.AsSpan().IndexOfAnyExcept(PlainPath) < 0)
        {
            // AbsoluteUri is worked out once per Uri: "https://host/", whose slash the path brings again.
            return string.Concat(root.AbsoluteUri.AsSpan(0, root.AbsoluteUri.Length - 1), path);
        }
        return new Uri(root, path).AbsoluteUri;
    }

    private static readonly System.Buffers.SearchValues<char> PlainPath =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/");

    private static void WriteLastModified(XmlWriter writer, DateTime? lastModified)
    {
        if (lastModified is { } utc)
        {
            writer.WriteElementString("lastmod", SitemapNs, SiteTime.Iso(utc));
        }
    }

    private static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }
}
