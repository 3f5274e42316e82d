using System.Globalization;
using System.Text;
using System.Xml;

namespace Gazette.Features.WordPress;

/// <summary>
/// <c>generate wordpress FILE.xml --posts N --comments M</c>: writes a synthetic WordPress export of
/// any size, for measuring the importer (see <c>bench/wxr-import.sh</c>). Deterministic: the same
/// numbers give the same file.
/// </summary>
internal static class GenerateWordPressExport
{
    public const string Usage = "Usage: generate wordpress FILE.xml [--posts N] [--comments M]";

    private const string Wp = "http://wordpress.org/export/1.2/";

    public static async Task<int> RunAsync(string file, IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        int posts = 10_000, comments = 100_000;
        for (var i = 0; i + 1 < options.Count; i += 2)
        {
            var ok = int.TryParse(options[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 0;
            switch (options[i])
            {
                case "--posts" when ok: posts = n; break;
                case "--comments" when ok: comments = n; break;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        if (options.Count % 2 == 1)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        await using var stream = File.Create(file);
        Write(stream, posts, comments);
        await output.WriteLineAsync($"Wrote {file}: {posts} posts, {comments} comments ({new FileInfo(file).Length / 1024 / 1024} MB).");
        return 0;
    }

    public static void Write(Stream stream, int posts, int comments)
    {
        var random = new Random(20261129);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "excerpt", null, "http://wordpress.org/export/1.2/excerpt/");
        xml.WriteAttributeString("xmlns", "content", null, "http://purl.org/rss/1.0/modules/content/");
        xml.WriteAttributeString("xmlns", "dc", null, "http://purl.org/dc/elements/1.1/");
        xml.WriteAttributeString("xmlns", "wp", null, Wp);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", "Generated Gazette benchmark site");
        xml.WriteElementString("link", "https://bench.example.com");
        xml.WriteElementString("wxr_version", Wp, "1.2");
        xml.WriteElementString("base_site_url", Wp, "https://bench.example.com");
        for (var a = 1; a <= 5; a++)
        {
            xml.WriteStartElement("author", Wp);
            xml.WriteElementString("author_id", Wp, a.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("author_login", Wp, $"writer{a}");
            xml.WriteElementString("author_email", Wp, $"writer{a}@bench.example.com");
            xml.WriteElementString("author_display_name", Wp, $"Writer Number {a}");
            xml.WriteEndElement();
        }
        for (var c = 1; c <= 20; c++)
        {
            xml.WriteStartElement("category", Wp);
            xml.WriteElementString("term_id", Wp, c.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("category_nicename", Wp, $"section-{c}");
            xml.WriteElementString("category_parent", Wp, c > 5 ? $"section-{(c % 5) + 1}" : "");
            xml.WriteElementString("cat_name", Wp, $"Section {c}");
            xml.WriteEndElement();
        }
        var commentId = 0;
        var perPost = posts == 0 ? 0 : comments / posts;
        var extra = posts == 0 ? 0 : comments % posts;
        for (var p = 1; p <= posts; p++)
        {
            var date = new DateTime(2015, 1, 1, 8, 0, 0, DateTimeKind.Utc).AddHours(p * 3);
            var stamp = date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            xml.WriteStartElement("item");
            xml.WriteElementString("title", $"Generated story number {p}");
            xml.WriteElementString("link", $"https://bench.example.com/{date:yyyy}/{date:MM}/{date:dd}/generated-story-{p}/");
            xml.WriteElementString("creator", "http://purl.org/dc/elements/1.1/", $"writer{(p % 5) + 1}");
            xml.WriteStartElement("encoded", "http://purl.org/rss/1.0/modules/content/");
            xml.WriteCData(Body(p, random));
            xml.WriteEndElement();
            xml.WriteElementString("post_id", Wp, p.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("post_date", Wp, stamp);
            xml.WriteElementString("post_date_gmt", Wp, stamp);
            xml.WriteElementString("comment_status", Wp, "open");
            xml.WriteElementString("post_name", Wp, $"generated-story-{p}");
            xml.WriteElementString("status", Wp, p % 50 == 0 ? "draft" : "publish");
            xml.WriteElementString("post_type", Wp, "post");
            xml.WriteElementString("is_sticky", Wp, "0");
            Term(xml, "category", $"section-{(p % 20) + 1}", $"Section {(p % 20) + 1}");
            Term(xml, "post_tag", $"topic-{p % 97}", $"Topic {p % 97}");
            var count = perPost + (p <= extra ? 1 : 0);
            var first = commentId + 1;
            for (var i = 0; i < count; i++)
            {
                commentId++;
                var parent = i > 0 && random.Next(3) == 0 ? random.Next(first, commentId) : 0;
                xml.WriteStartElement("comment", Wp);
                xml.WriteElementString("comment_id", Wp, commentId.ToString(CultureInfo.InvariantCulture));
                xml.WriteElementString("comment_author", Wp, $"Reader {commentId % 997}");
                xml.WriteElementString("comment_author_email", Wp, $"reader{commentId % 997}@example.org");
                xml.WriteElementString("comment_author_IP", Wp, $"192.0.2.{commentId % 250}");
                xml.WriteElementString("comment_date_gmt", Wp, date.AddMinutes(i + 1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                xml.WriteElementString("comment_content", Wp, $"Comment {commentId}: a reader's thoughts on story {p}, in one or two sentences.");
                xml.WriteElementString("comment_approved", Wp, commentId % 20 == 0 ? "0" : "1");
                xml.WriteElementString("comment_parent", Wp, parent.ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Term(XmlWriter xml, string domain, string slug, string name)
    {
        xml.WriteStartElement("category");
        xml.WriteAttributeString("domain", domain);
        xml.WriteAttributeString("nicename", slug);
        xml.WriteString(name);
        xml.WriteEndElement();
    }

    private static string Body(int post, Random random)
    {
        var body = new StringBuilder();
        for (var paragraph = 0; paragraph < 6; paragraph++)
        {
            body.Append("<!-- wp:paragraph -->\n<p>");
            for (var sentence = 0; sentence < 4; sentence++)
            {
                body.Append(CultureInfo.InvariantCulture, $"Sentence {sentence} of paragraph {paragraph} in story {post} says {random.Next(1000)} things about the harbour. ");
            }
            body.Append("</p>\n<!-- /wp:paragraph -->\n\n");
        }
        return body.ToString();
    }
}
