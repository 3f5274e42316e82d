using System.Globalization;
using System.Xml;

namespace Gazette.Features.WordPress;

/// <summary>
/// Writing WXR as WordPress's own exporter does (wp-admin/includes/export.php): its namespaces, CDATA
/// split around <c>]]&gt;</c>, empty elements never self-closed, its two date formats. Shared by the
/// parts of the export.
/// </summary>
internal static class WxrWriter
{
    public const string Wp = "http://wordpress.org/export/1.2/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string Excerpt = "http://wordpress.org/export/1.2/excerpt/";
    public const string Dc = "http://purl.org/dc/elements/1.1/";

    public static async Task TermAsync(XmlWriter xml, string domain, string slug, string name)
    {
        await xml.WriteStartElementAsync(null, "category", null);
        await xml.WriteAttributeStringAsync(null, "domain", null, domain);
        await xml.WriteAttributeStringAsync(null, "nicename", null, slug);
        await WriteCDataAsync(xml, name);
        await xml.WriteEndElementAsync();
    }

    public static async Task MetaAsync(XmlWriter xml, string key, string value)
    {
        await xml.WriteStartElementAsync("wp", "postmeta", Wp);
        await WpCDataAsync(xml, "meta_key", key);
        await WpCDataAsync(xml, "meta_value", value);
        await xml.WriteEndElementAsync();
    }

    public static async Task GuidAsync(XmlWriter xml, string guid)
    {
        await xml.WriteStartElementAsync(null, "guid", null);
        await xml.WriteAttributeStringAsync(null, "isPermaLink", null, "false");
        await xml.WriteStringAsync(guid);
        await xml.WriteEndElementAsync();
    }

    /// <summary><c>&lt;description&gt;&lt;/description&gt;</c>: WordPress never writes the self-closing form.</summary>
    public static async Task EmptyElementAsync(XmlWriter xml, string name)
    {
        await xml.WriteStartElementAsync(null, name, null);
        await xml.WriteFullEndElementAsync();
    }

    public static Task WpAsync(XmlWriter xml, string name, string value) => xml.WriteElementStringAsync("wp", name, Wp, value);

    public static Task WpCDataAsync(XmlWriter xml, string name, string value) => CDataElementAsync(xml, "wp", name, Wp, value);

    public static async Task CDataElementAsync(XmlWriter xml, string? prefix, string name, string? ns, string value)
    {
        await xml.WriteStartElementAsync(prefix, name, ns);
        await WriteCDataAsync(xml, value);
        await xml.WriteEndElementAsync();
    }

    /// <summary>CDATA as WordPress writes it: a <c>]]&gt;</c> in the text ends one section and starts the next.</summary>
    public static async Task WriteCDataAsync(XmlWriter xml, string value)
    {
        var parts = value.Split("]]>");
        for (var i = 0; i < parts.Length; i++)
        {
            var text = (i > 0 ? ">" : "") + parts[i] + (i < parts.Length - 1 ? "]]" : "");
            // Characters XML 1.0 cannot hold at all (control characters) are left out rather than make the file unreadable.
            await xml.WriteCDataAsync(XmlSafe(text));
        }
    }

    public static string XmlSafe(string text)
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

    public static bool HasLoneSurrogate(string text)
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

    public static string WordPressDate(DateTime? date) =>
        date?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "0000-00-00 00:00:00";

    /// <summary>An RSS date as WordPress writes it, "Mon, 04 Mar 2019 10:15:00 +0000" (not .NET's "… GMT").</summary>
    public static string RssDate(DateTime utc) =>
        utc.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
