using System.Text;
using Gazette.Features.WordPress;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// Files WordPress's importer reads although they are not well-formed XML: the check reads them again
/// leniently, mending each slip and saying which; what the strict reader copes with stays strict; a
/// truncated file is still refused. No database: the import of the same files is in <see cref="ImportingWhatWordPressWouldImport"/>.
/// </summary>
public sealed class ReadingASlightlyBrokenExport
{
    private static (WxrValidator.Summary Summary, List<object> Entries) ReadLeniently(string fixture)
    {
        using var check = File.OpenRead(WordPressFixtures.PathOf(fixture));
        var summary = WxrValidator.Validate(check);
        using var stream = File.OpenRead(WordPressFixtures.PathOf(fixture));
        return (summary, [.. WxrReader.Read(stream, summary.Parsing)]);
    }

    private static List<object> ReadStrictly(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return [.. WxrReader.Read(stream)];
    }

    [Theory]
    [InlineData("slip-html-entities-wxr-1.2.xml", "The file is not well-formed XML (line 11: Reference to undeclared entity 'nbsp')",
        "HTML entities XML does not know, read as their characters: 9 (from line 11: &nbsp; &hellip; &rsquo; &mdash;).")]
    [InlineData("slip-loose-markup-wxr-1.2.xml", "The file is not well-formed XML (line 17: An error occurred while parsing EntityName)",
        "bare '&' read as text: 3 (from line 17); stray '<' read as text: 1 (line 32); HTML tags in a post's or comment's text outside CDATA read as text: 1 (line 36).")]
    [InlineData("slip-control-characters-wxr-1.1.xml", "The file is not well-formed XML (line 18: '', hexadecimal value 0x1C, is an invalid character)",
        "characters XML forbids (control characters, lone surrogates) dropped: 4 (from line 18: U+001C U+000B U+000C).")]
    [InlineData("slip-text-before-declaration-wxr-1.2.xml", "The file is not well-formed XML (line 2: Data at the root level is invalid)",
        "characters before the XML declaration dropped: 1 (line 1: \"<br /> <b>Notice</b>:  Undefined index: …\").")]
    [InlineData("slip-cdata-end-in-content-wxr-1.2.xml", "The file is not well-formed XML (line 20: The 'content:encoded' start tag on line 20 position 4 does not match the end tag of 'p')",
        "']]>' inside a CDATA section kept in it: 1 (line 20).")]
    [InlineData("slip-html-outside-cdata-wxr-1.2.xml", "The file is not well-formed XML (line 13: The 'br' start tag on line 13 position 34 does not match the end tag of 'p')",
        "HTML tags in a post's or comment's text outside CDATA read as text: 10 (from line 13).")]
    [InlineData("wordpress-3-0-latin1-bytes-wxr-1.0.xml", "The file's bytes do not match its declared character encoding (line 12)",
        "bytes that are not UTF-8 read as Windows-1252 (Latin-1): 9 (0xE9 0x92 0xE8 0xFB 0x93).")]
    public void ReadsAFileWordPresssImporterReadsSayingWhatWasWrongAndWhatWasRepaired(string fixture, string wrong, string repaired)
    {
        var (summary, _) = ReadLeniently(fixture);

        Assert.Equal(WxrParsing.Lenient, summary.Parsing);
        Assert.Equal($"{wrong}; it was read by the lenient parser, as WordPress's importer would. Repaired: {repaired}", Assert.Single(summary.Notes));
    }

    [Fact]
    public void TurnsHtmlEntitiesIntoTheirCharacters()
    {
        var items = ReadLeniently("slip-html-entities-wxr-1.2.xml").Entries.OfType<WxrItem>().ToList();

        Assert.Equal(["Tea\u00A0at the slipway…", "The boat’s new name"], items.Select(i => i.Title));
        Assert.Equal("Kettles, mostly…", items[0].Excerpt);
        var comment = Assert.Single(items[0].Comments);
        Assert.Equal("Ann O’Neill", comment.Author);
        Assert.Equal("Lovely\u00A0morning — thanks…", comment.Content);
    }

    [Fact]
    public void ReadsABareAmpersandAndAStrayLessThanAsText()
    {
        var entries = ReadLeniently("slip-loose-markup-wxr-1.2.xml").Entries;

        Assert.Equal("Fish & Chips", Assert.Single(entries.OfType<WxrTerm>()).Name);
        var item = Assert.Single(entries.OfType<WxrItem>());
        Assert.Equal("Salt & vinegar, always", item.Title);
        var comment = Assert.Single(item.Comments);
        Assert.Equal("Cod Fan <3", comment.Author);
        Assert.Equal("Vinegar < salt, in my book & yours.", comment.Content);
    }

    [Fact]
    public void DropsControlCharactersXmlForbids()
    {
        var item = Assert.Single(ReadLeniently("slip-control-characters-wxr-1.1.xml").Entries.OfType<WxrItem>());

        Assert.Equal("Lever frame restored", item.Title);
        Assert.Equal("<p>Forty levers, all pulled.</p>", item.Content);
        Assert.Equal("Two beats then three.", Assert.Single(item.Comments).Content);
    }

    [Fact]
    public void KeepsAnUnsplitCdataEndInTheTextAndReadsASplitOneAsBefore()
    {
        var items = ReadLeniently("slip-cdata-end-in-content-wxr-1.2.xml").Entries.OfType<WxrItem>().ToList();

        Assert.Equal("<p>Write grid[row[0]]> 3 to test it.</p>", items[0].Content);
        Assert.Equal("<p>Also grid[row[1]]> 4.</p>", items[1].Content);
    }

    [Fact]
    public void ReadsAPostsHtmlOutsideCdataAsItsText()
    {
        var item = Assert.Single(ReadLeniently("slip-html-outside-cdata-wxr-1.2.xml").Entries.OfType<WxrItem>());

        Assert.Equal("<p>First line<br>second line, <b>bold</b>.</p>\n<p>Fish & chips.</p>", item.Content);
        Assert.Equal("First line<br>second line", item.Excerpt);
        Assert.Equal("Nice <i>and</i> tidy.", Assert.Single(item.Comments).Content);
    }

    [Fact]
    public void ReadsLatin1BytesInAFileDeclaredUtf8AsWindows1252()
    {
        var (summary, entries) = ReadLeniently("wordpress-3-0-latin1-bytes-wxr-1.0.xml");

        Assert.Equal("Café Railway", summary.Channel.Title);
        Assert.Equal("1.0", summary.Channel.Version);
        var item = Assert.Single(entries.OfType<WxrItem>());
        Assert.Equal("The station café reopens", item.Title);
        Assert.Equal("It’s open again: crème brûlée and tea.", item.Content);
        Assert.Equal("Renée", item.Comments[0].Author);
        Assert.Equal("“Best scones on the line.”", item.Comments[0].Content);
    }

    [Fact]
    public void SkipsWhatCameBeforeTheXmlDeclaration()
    {
        var item = Assert.Single(ReadLeniently("slip-text-before-declaration-wxr-1.2.xml").Entries.OfType<WxrItem>());

        Assert.Equal("Runner beans up the canes", item.Title);
    }

    [Fact]
    public void AWellFormedFileIsReadStrictlyWithNothingToSay()
    {
        var (summary, _) = ReadLeniently(WordPressFixtures.Harbour);

        Assert.Equal(WxrParsing.Strict, summary.Parsing);
        Assert.Empty(summary.Notes);
    }

    [Fact]
    public void TheStrictReaderAlreadyReadsPrefixesNoOneDeclaredAndAWxr11NamespaceWithoutItsSlash()
    {
        var (summary, entries) = ReadLeniently("undeclared-prefixes-wxr-1.1.xml");

        Assert.Equal(WxrParsing.Strict, summary.Parsing);
        Assert.Equal("1.1", summary.Channel.Version);
        var item = Assert.Single(entries.OfType<WxrItem>());
        Assert.Equal("Read all the same.", item.Excerpt);
        Assert.Equal("<p>Still read.</p>", item.Content);
    }

    [Fact]
    public void TheStrictReaderAlreadyReadsAVeryLongLine()
    {
        var body = string.Concat(Enumerable.Repeat("<p>A long paragraph on one line.</p>", 200_000));
        var xml = $"""
            <rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><wp:post_id>1</wp:post_id><content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>
            """;

        var item = Assert.Single(ReadStrictly(Encoding.UTF8.GetBytes(xml)).OfType<WxrItem>());

        Assert.Equal(body.Length, item.Content.Length);
    }

    [Theory]
    [InlineData("<wp:post_name><![CDATA[the-boats")]
    [InlineData("Painted on")]
    [InlineData("</item>\n</channel>")]
    public void StillRefusesAFileWithASlipThatIsCutShort(string cutBefore)
    {
        var whole = File.ReadAllText(WordPressFixtures.PathOf("slip-html-entities-wxr-1.2.xml"));
        var cut = whole[..(whole.LastIndexOf(cutBefore, StringComparison.Ordinal) + (cutBefore.StartsWith("</item>", StringComparison.Ordinal) ? 8 : 0))];
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(cut));

        var refusal = Assert.Throws<WxrFormatException>(() => WxrValidator.Validate(stream));

        Assert.Contains("ends too soon", refusal.Message, StringComparison.Ordinal);
    }
}
