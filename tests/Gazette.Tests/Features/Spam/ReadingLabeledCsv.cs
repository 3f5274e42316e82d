using System.Text;
using Gazette.Features.Spam;

namespace Gazette.Tests.Features.Spam;

public class ReadingLabeledCsv
{
    [Fact]
    public void KeepsCommasDoubledQuotesAndLineBreaksInsideQuotedText()
    {
        var result = SpamCsv.Read("text,label\n\"Yes, \"\"really\"\", I was\nthere\",ham\nplain text,spam\n");

        Assert.Equal([new LabeledText("Yes, \"really\", I was\nthere", false), new LabeledText("plain text", true)], result.Examples);
        Assert.Empty(result.Skipped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsUtf8WithOrWithoutByteOrderMark(bool byteOrderMark)
    {
        var bytes = new UTF8Encoding(byteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes("text,label\nCafé très bon 😍,ham\n")).ToArray();

        var result = SpamCsv.Read(new MemoryStream(bytes));

        Assert.Equal([new LabeledText("Café très bon 😍", false)], result.Examples);
    }

    [Fact]
    public void FindsColumnsByNameInAnyCaseAndOrderIgnoringOthers()
    {
        var result = SpamCsv.Read("id,Label,author, TEXT ,date\n1,SPAM,bob,buy now,2024\n2, Ham ,ann,nice one,2024\n");

        Assert.Equal([new LabeledText("buy now", true), new LabeledText("nice one", false)], result.Examples);
    }

    [Fact]
    public void SkipsAndReportsRowsWithoutAUsableLabelOrText()
    {
        var result = SpamCsv.Read("text,label\ngood,ham\nwhat,maybe\nshort row\n,spam\n\"multi\nline\",1\nbad,spam\n");

        Assert.Equal([new LabeledText("good", false), new LabeledText("bad", true)], result.Examples);
        Assert.Equal(4, result.Skipped.Count);
        Assert.Contains("line 3: unknown label \"maybe\"", result.Skipped[0], StringComparison.Ordinal);
        Assert.Contains("no label", result.Skipped[1], StringComparison.Ordinal);
        Assert.Contains("no text", result.Skipped[2], StringComparison.Ordinal);
        Assert.Contains("line 6: unknown label \"1\"", result.Skipped[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("comment,verdict\nhi,ham\n")]
    [InlineData("text\nhi\n")]
    public void RejectsAFileWithoutTextAndLabelColumns(string content)
    {
        var error = Assert.Throws<InvalidDataException>(() => SpamCsv.Read(content));

        Assert.Contains("text and label", error.Message, StringComparison.Ordinal);
    }
}
