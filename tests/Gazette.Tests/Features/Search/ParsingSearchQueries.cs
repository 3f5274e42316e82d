using Gazette.Features.Search;

namespace Gazette.Tests.Features.Search;

/// <summary>What reaches the databases' query parsers: only quoted words, whatever was typed.</summary>
public sealed class ParsingSearchQueries
{
    [Theory]
    [InlineData("ferry", "\"ferry\"", "'ferry'")]
    [InlineData("Night FERRY", "\"night\" \"ferry\"", "'night' & 'ferry'")]
    [InlineData("harb*", "\"harb\"*", "'harb':*")]
    [InlineData("\"night ferry\" harb*", "\"night ferry\" \"harb\"*", "('night' <-> 'ferry') & 'harb':*")]
    [InlineData("\"night ferr\"*", "\"night ferr\"*", "('night' <-> 'ferr':*)")]
    [InlineData("don't", "\"don t\"", "('don' <-> 't')")]
    [InlineData("NEAR(a b) AND c", "\"near a\" \"b\" \"and\" \"c\"", "('near' <-> 'a') & 'b' & 'and' & 'c'")]
    [InlineData("'; DROP TABLE x; --", "\"drop\" \"table\" \"x\"", "'drop' & 'table' & 'x'")]
    [InlineData("ferry ferry FERRY", "\"ferry\"", "'ferry'")]
    [InlineData("Café Straße", "\"café\" \"straße\"", "'café' & 'straße'")]
    public void QuotesEveryTerm(string input, string fts5, string tsquery)
    {
        var query = SearchQuery.Parse(input);

        Assert.Equal(fts5, query.ToFts5());
        Assert.Equal(tsquery, query.ToTsQuery());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData("* ** \"\"")]
    [InlineData("🚢 ⚓ -- ! & |")]
    public void FindsNothingToSearchInPunctuationAndSymbols(string? input) =>
        Assert.True(SearchQuery.Parse(input).IsEmpty);

    [Fact]
    public void IgnoresInputBeyondItsLimits()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 1000).Select(i => "w" + i)));

        Assert.Equal(SearchQuery.MaxTerms, query.Terms.Count);
        Assert.True(query.Text.Length <= SearchQuery.MaxLength);
        // A cut never leaves half an emoji behind.
        Assert.Equal(199, SearchQuery.Parse(new string('a', 199) + "🚢").Text.Length);
    }

    [Fact]
    public void HighlightsEncodeTheTextAndOnlyTheMarkersBecomeMarks()
    {
        var html = Highlights.ToHtml("<b>\u0002ferry\u0003</b> & \u0003stray\u0002 open\nline").ToString();

        Assert.Equal("&lt;b&gt;<mark>ferry</mark>&lt;/b&gt; &amp; stray<mark> open line</mark>", html);
    }
}
