using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Gazette.Features.Syndication;

/// <summary>
/// Writes RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication, adding what it has no
/// model for: the full text in RSS (<c>content:encoded</c>), the author's name in RSS
/// (<c>dc:creator</c>, since RSS's own <c>author</c> is an email address), and the featured
/// image with its credit (Media RSS <c>media:content</c>, in both formats).
/// Text a reader may take as HTML goes out as escaped HTML (<see cref="FeedText.AsHtml"/>): all of
/// RSS's text, and Atom's titles and summaries, marked <c>type="html"</c>, as WordPress writes them.
/// Atom's names, category terms and link titles are plain text by RFC 4287, and stay so.
/// </summary>
public static class XmlFeedWriter
{
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    public static byte[] Write(FeedDocument document, FeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        var feed = ToSyndication(document, format);
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            if (format == FeedFormat.Atom)
            {
                feed.SaveAsAtom10(writer);
            }
            else
            {
                feed.SaveAsRss20(writer);
            }
        }
        return stream.ToArray();
    }

    private static SyndicationFeed ToSyndication(FeedDocument document, FeedFormat format)
    {
        var feed = new SyndicationFeed(
            null, null, new Uri(document.HomeUrl), document.Id, document.Updated is { } updated ? Utc(updated) : default)
        {
            Title = Html(document.Title),
            Description = Html(document.Description),
            Language = document.Language,
            Generator = "Gazette",
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(document.SelfUrl), SyndicationLinks.MediaType(format)));
        if (format == FeedFormat.Rss)
        {
            feed.AttributeExtensions.Add(new XmlQualifiedName("content", XNamespace.Xmlns.NamespaceName), Content.NamespaceName);
            feed.AttributeExtensions.Add(new XmlQualifiedName("dc", XNamespace.Xmlns.NamespaceName), DublinCore.NamespaceName);
        }
        feed.AttributeExtensions.Add(new XmlQualifiedName("media", XNamespace.Xmlns.NamespaceName), Media.NamespaceName);
        feed.Items = document.Entries.Select(entry => ToItem(entry, format)).ToList();
        return feed;
    }

    private static SyndicationItem ToItem(FeedEntry entry, FeedFormat format)
    {
        var item = new SyndicationItem
        {
            Id = entry.Id,
            Title = Html(entry.Title),
            PublishDate = Utc(entry.Published),
            LastUpdatedTime = Utc(entry.Updated),
            Summary = Html(entry.Summary),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(entry.Url), "text/html"));
        foreach (var category in entry.Categories)
        {
            item.Categories.Add(new SyndicationCategory(format == FeedFormat.Atom ? FeedText.ForXml(category) : FeedText.AsHtml(category)));
        }
        var html = entry.ContentHtml is null ? null : FeedText.ForXml(entry.ContentHtml);
        if (format == FeedFormat.Atom)
        {
            foreach (var person in entry.Authors)
            {
                item.Authors.Add(new SyndicationPerson(null, FeedText.ForXml(person.Name), person.Url));
            }
            if (html is not null)
            {
                item.Content = new TextSyndicationContent(html, TextSyndicationContentKind.Html);
            }
        }
        else
        {
            foreach (var person in entry.Authors)
            {
                item.ElementExtensions.Add(Prefixed("dc", DublinCore + "creator", FeedText.AsHtml(person.Name)).CreateReader());
            }
            if (html is not null)
            {
                item.ElementExtensions.Add(Prefixed("content", Content + "encoded", new XCData(html)).CreateReader());
            }
        }
        if (entry.Enclosure is { } enclosure)
        {
            if (format == FeedFormat.Atom)
            {
                item.Links.Add(new SyndicationLink(new Uri(enclosure.Url), "enclosure", null, enclosure.MediaType, enclosure.Length));
            }
            else
            {
                item.ElementExtensions.Add(Enclosure(enclosure.Url, enclosure.Length, enclosure.MediaType).CreateReader());
            }
        }
        if (entry.Image is { } image)
        {
            if (format == FeedFormat.Atom)
            {
                item.Links.Add(new SyndicationLink(new Uri(image.Url), "enclosure", image.Credit is null ? null : FeedText.ForXml(image.Credit), image.MediaType, image.Length ?? 0));
            }
            else if (entry.Enclosure is null)
            {
                // RSS has one enclosure per item: a podcast episode's is its audio, and the image is then in media:content alone.
                item.ElementExtensions.Add(Enclosure(image.Url, image.Length ?? 0, image.MediaType).CreateReader());
            }
            item.ElementExtensions.Add(MediaContent(image).CreateReader());
        }
        return item;
    }

    /// <summary>RSS's enclosure. RSS requires the length, which the library leaves out when it is unknown (a file elsewhere): 0 says so.</summary>
    private static XElement Enclosure(string url, long length, string type) => new("enclosure",
        new XAttribute("url", url), new XAttribute("length", length.ToString(CultureInfo.InvariantCulture)), new XAttribute("type", type));

    /// <summary>
    /// Media RSS's description of the image: its type and size, the alt text or caption (as HTML, which
    /// Media RSS allows, so that a reader that ignores the type still shows the text), and the credit
    /// (which has no type, so escaped like the rest of RSS).
    /// </summary>
    private static XElement MediaContent(FeedImage image)
    {
        var element = Prefixed("media", Media + "content",
            new XAttribute("url", image.Url), new XAttribute("type", image.MediaType), new XAttribute("medium", "image"));
        if (image.Length is { } length)
        {
            element.Add(new XAttribute("fileSize", length.ToString(CultureInfo.InvariantCulture)));
        }
        if (image is { Width: { } width, Height: { } height })
        {
            element.Add(new XAttribute("width", width.ToString(CultureInfo.InvariantCulture)), new XAttribute("height", height.ToString(CultureInfo.InvariantCulture)));
        }
        if (!string.IsNullOrWhiteSpace(image.Caption ?? image.Alt))
        {
            element.Add(new XElement(Media + "description", new XAttribute("type", "html"), FeedText.AsHtml(image.Caption ?? image.Alt)));
        }
        if (!string.IsNullOrWhiteSpace(image.Credit))
        {
            element.Add(new XElement(Media + "credit", FeedText.AsHtml(image.Credit)));
        }
        return element;
    }

    /// <summary>RSS writes the text as it is; Atom writes it as <c>type="html"</c>.</summary>
    private static TextSyndicationContent Html(string text) => new(FeedText.AsHtml(text), TextSyndicationContentKind.Html);

    /// <summary>
    /// An extension element with the prefix readers expect (<c>dc:creator</c>, <c>content:encoded</c>):
    /// some match the prefixed name rather than the namespace. The feed element declares the same
    /// prefixes, so the writer has no need to repeat them here.
    /// </summary>
    private static XElement Prefixed(string prefix, XName name, params object[] content) =>
        new(name, [new XAttribute(XNamespace.Xmlns + prefix, name.NamespaceName), .. content]);

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
