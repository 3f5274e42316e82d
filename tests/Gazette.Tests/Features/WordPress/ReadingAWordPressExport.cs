using System.Text;
using Gazette.Features.WordPress;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// What the reader makes of files as real WordPress sites write them, quirks included; no database.
/// Each fixture under Data/ reproduces one quirk in a few lines of our own.
/// </summary>
public sealed class ReadingAWordPressExport
{
    private static List<object> Read(string fixture)
    {
        using var stream = File.OpenRead(WordPressFixtures.PathOf(fixture));
        return [.. WxrReader.Read(stream)];
    }

    private static WxrValidator.Summary Validate(string fixture)
    {
        using var stream = File.OpenRead(WordPressFixtures.PathOf(fixture));
        return WxrValidator.Validate(stream);
    }

    private static WxrFormatException Refusal(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return Assert.Throws<WxrFormatException>(() => WxrValidator.Validate(stream));
    }

    [Fact]
    public void ReadsAWordPressComExportWhoseAtomPrefixIsNeverDeclared()
    {
        var entries = Read("wordpress-com-wxr-1.2.xml");

        var channel = Assert.Single(entries.OfType<WxrChannel>());
        Assert.Equal("Tidepool Notes", channel.Title);
        Assert.Equal("rockpooler", Assert.Single(entries.OfType<WxrAuthor>()).Login);
        var item = Assert.Single(entries.OfType<WxrItem>());
        Assert.Equal("7", item.Id);
        Assert.Equal("<p>Red ones, mostly.</p>", item.Content);
        Assert.Equal("anemones-at-low-tide", item.Slug);
    }

    [Theory]
    [InlineData("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item></channel></rss>")]
    [InlineData("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><atom:link></atom:lnk></channel></rss>")]
    [InlineData("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title a=\"1\" a=\"2\">Twice</title></channel></rss>")]
    public void StillRefusesXmlThatIsNotWellFormed(string xml) =>
        Assert.Contains("not well-formed XML", Refusal(xml).Message, StringComparison.Ordinal);

    [Fact]
    public void StillRefusesAFeedThatUsesWordPresssPrefixWithoutDeclaringIt() =>
        Assert.Contains("not a WordPress export",
            Refusal("<rss><channel><item><wp:post_id>1</wp:post_id></item></channel></rss>").Message, StringComparison.Ordinal);

    [Fact]
    public void ReadsATermListedTwiceWithTheSameIdAndSlugOnce()
    {
        var summary = Validate("repeated-term-wxr-1.2.xml");
        var terms = Read("repeated-term-wxr-1.2.xml").OfType<WxrTerm>().ToList();

        Assert.Equal(1, summary.Items);
        Assert.Equal(["category:12:release-6-1", "post_tag:30:echoes"], terms.Select(t => $"{t.Taxonomy}:{t.Id}:{t.Slug}"));
    }

    [Fact]
    public void ReadsTwoTermsWithOneIdAndDifferentSlugsTheLaterByItsSlugAndSaysSo()
    {
        // WordPress's importer finds terms by slug, and imports both.
        var summary = Validate("conflicting-term-id.xml");
        var terms = Read("conflicting-term-id.xml").OfType<WxrTerm>().ToList();

        Assert.Equal(["category:12:north:", "category::south:12"], terms.Select(t => $"{t.Taxonomy}:{t.Id}:{t.Slug}:{t.SharedId}"));
        Assert.Equal("categories: \"South\" (slug \"south\") has the id 12 of an earlier category with another slug; "
            + "as WordPress's importer does, both are imported, each by its slug", Assert.Single(summary.Notes));
    }

    [Fact]
    public void SkipsStrayTextBetweenTheElementsOfAnItemACommentAMetaAnAuthorAndATerm()
    {
        var entries = Read("stray-text-wxr-1.2.xml");

        Assert.Equal("Reef Knot", Assert.Single(entries.OfType<WxrAuthor>()).DisplayName);
        Assert.Equal("Rope", Assert.Single(entries.OfType<WxrTerm>()).Name);
        var item = entries.OfType<WxrItem>().First();
        Assert.Equal([new WxrItemTerm("category", "rope", "Rope")], item.Terms);
        Assert.Equal("frayed", item.Meta["mood"]);
        var comment = Assert.Single(item.Comments);
        Assert.Equal("Bowline", comment.Author);
        Assert.Equal("Tie it off.", comment.Content);
        Assert.Equal(new DateTime(2023, 3, 2, 8, 0, 0, DateTimeKind.Utc), comment.Date);
    }

    [Fact]
    public void StrayTextInTheChannelNeverEndsItEarly()
    {
        var summary = Validate("stray-text-wxr-1.2.xml");
        var items = Read("stray-text-wxr-1.2.xml").OfType<WxrItem>();

        Assert.Equal(2, summary.Items);
        Assert.Equal(["1", "2"], items.Select(i => i.Id));
    }

    [Fact]
    public void SaysWhenTheBytesDoNotMatchTheDeclaredEncoding()
    {
        var refusal = Assert.Throws<WxrFormatException>(() => Read("utf8-declared-latin1-bytes.xml"));

        Assert.StartsWith("The file's bytes do not match its declared character encoding (line 3", refusal.Message, StringComparison.Ordinal);
        Assert.True(refusal.MightBeMended);
    }

    [Fact]
    public void NeverDatesADraftByWordPresssPlaceholderPubDate()
    {
        var items = Read("draft-dates-wxr-1.2.xml").OfType<WxrItem>().ToDictionary(i => i.Id);

        // 0000-00-00 GMT with a real local date: the local date stands, not 30 Nov 1999.
        Assert.Null(items["11"].DateGmt);
        Assert.Equal(new DateTime(2023, 5, 6, 11, 0, 0, DateTimeKind.Utc), items["11"].DateLocal);
        // No date at all but the 1970 placeholder: undated.
        Assert.Null(items["12"].DateGmt);
        Assert.Null(items["12"].DateLocal);
        Assert.Equal(new DateTime(2023, 5, 1, 7, 0, 0, DateTimeKind.Utc), items["13"].DateGmt);
    }

    [Fact]
    public void ReadsWhenEachItemWasLastModifiedAndTheBlogsAddress()
    {
        var entries = Read("draft-dates-wxr-1.2.xml");
        var items = entries.OfType<WxrItem>().ToDictionary(i => i.Id);

        var channel = Assert.Single(entries.OfType<WxrChannel>());
        Assert.Equal("https://tides.example.org", channel.BaseSiteUrl);
        Assert.Equal("https://tides.example.org/blog", channel.BaseBlogUrl);
        Assert.Null(items["11"].ModifiedGmt);
        Assert.Equal(new DateTime(2023, 5, 7, 12, 30, 0, DateTimeKind.Utc), items["11"].ModifiedLocal);
        Assert.Null(items["12"].ModifiedGmt);
        Assert.Null(items["12"].ModifiedLocal);
        Assert.Equal(new DateTime(2023, 6, 2, 8, 45, 0, DateTimeKind.Utc), items["13"].ModifiedGmt);
        Assert.Equal(new DateTime(2023, 6, 2, 10, 45, 0, DateTimeKind.Utc), items["13"].ModifiedLocal);
    }
}
