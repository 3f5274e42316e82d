using Gazette.Features.Articles;
using static Gazette.Features.Articles.TextDiff;

namespace Gazette.Tests.Features.Articles;

public sealed class RevisionTextDiffTests
{
    [Fact]
    public void ShowsAChangedWordInsideAnOtherwiseUnchangedParagraph()
    {
        var result = Compare("The council met on Monday evening.", "The council met on Tuesday evening.");

        var row = Assert.Single(result.Rows);
        Assert.Equal(RowKind.Changed, row.Kind);
        Assert.Equal([new Segment("The council met on ", Kind.Same), new Segment("Monday", Kind.Removed), new Segment(" evening.", Kind.Same)], row.Old);
        Assert.Equal([new Segment("The council met on ", Kind.Same), new Segment("Tuesday", Kind.Added), new Segment(" evening.", Kind.Same)], row.New);
        Assert.Equal((1, 1), (result.WordsAdded, result.WordsRemoved));
    }

    [Fact]
    public void JoinsNeighbouringChangedWordsIntoOnePhrase()
    {
        var row = Assert.Single(Compare("a quick brown fox", "a slow red fox").Rows);

        Assert.Equal([new Segment("a ", Kind.Same), new Segment("quick brown", Kind.Removed), new Segment(" fox", Kind.Same)], row.Old);
        Assert.Equal([new Segment("a ", Kind.Same), new Segment("slow red", Kind.Added), new Segment(" fox", Kind.Same)], row.New);
    }

    [Fact]
    public void LinesUpWordsRatherThanTheSpacesBetweenThem()
    {
        var row = Assert.Single(Compare(
            "Copies are free at the library and the ferry terminal.",
            "Copies are free at the library, the ferry terminal and the harbour office.").Rows);

        Assert.Equal(["Copies are free at the library", " and", " the ferry terminal."], row.Old.Select(s => s.Text));
        Assert.Equal([Kind.Same, Kind.Removed, Kind.Same], row.Old.Select(s => s.Kind));
        Assert.Equal([",", " and the harbour office"], row.New.Where(s => s.Kind == Kind.Added).Select(s => s.Text));
    }

    [Fact]
    public void AddsAndRemovesWholeParagraphsAndFoldsDistantUnchangedOnes()
    {
        var old = string.Join("\n\n", Enumerable.Range(1, 8).Select(i => $"Paragraph {i}."));
        var changed = old.Replace("Paragraph 8.", "Paragraph 8.\n\nA new ending.", StringComparison.Ordinal)
            .Replace("Paragraph 1.\n\n", "", StringComparison.Ordinal);

        var rows = Compare(old, changed).Rows;

        Assert.Equal([RowKind.Removed, RowKind.Same, RowKind.Folded, RowKind.Same, RowKind.Added], rows.Select(r => r.Kind));
        Assert.Equal(5, rows[2].Folded);
        Assert.Equal("A new ending.", Assert.Single(rows[4].New).Text);
    }

    [Fact]
    public void CountsWordsNotSpacesOrPunctuation()
    {
        var result = Compare("", "It’s here, at last!\r\n\r\nTwo words.");

        Assert.Equal((6, 0), (result.WordsAdded, result.WordsRemoved));
        Assert.True(result.HasChanges);
        Assert.False(Compare("Same.\r\n", "Same.").HasChanges);
    }
}
