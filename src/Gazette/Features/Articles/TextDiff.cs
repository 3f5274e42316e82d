using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Model;

namespace Gazette.Features.Articles;

/// <summary>
/// A diff for prose, made with DiffPlex in two passes: paragraphs first (blocks between blank
/// lines), then words inside each pair of changed paragraphs, so a one-word edit in a long
/// paragraph shows as that word. The result is plain text in segments; pages encode it.
/// </summary>
public static partial class TextDiff
{
    /// <summary>Paragraph pairs longer than this (in words and marks) are shown whole rather than word by word.</summary>
    private const int MaxWordDiffTokens = 6_000;

    /// <summary>Unchanged paragraphs kept around a change; the rest fold into one "unchanged" row.</summary>
    private const int Context = 1;

    public enum Kind { Same, Removed, Added }

    public enum RowKind { Same, Changed, Removed, Added, Folded }

    public sealed record Segment(string Text, Kind Kind);

    /// <summary>
    /// One row of a side-by-side view: the old paragraph's segments (Same and Removed) and the new
    /// one's (Same and Added). A Folded row stands for <see cref="Folded"/> unchanged paragraphs.
    /// </summary>
    public sealed record Row(RowKind Kind, IReadOnlyList<Segment> Old, IReadOnlyList<Segment> New, int Folded = 0);

    public sealed record Result(IReadOnlyList<Row> Rows, int WordsAdded, int WordsRemoved)
    {
        public bool HasChanges => WordsAdded > 0 || WordsRemoved > 0 || Rows.Any(r => r.Kind is not (RowKind.Same or RowKind.Folded));
    }

    public static Result Compare(string? oldText, string? newText, bool fold = true)
    {
        var diff = Differ.Instance.CreateDiffs(Normalise(oldText), Normalise(newText), false, false, ParagraphChunker.Instance);
        var rows = new List<Row>();
        int added = 0, removed = 0, a = 0, b = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++, b++)
            {
                rows.Add(Same(diff.PiecesOld[a]));
            }
            var paired = Math.Min(block.DeleteCountA, block.InsertCountB);
            for (var i = 0; i < paired; i++)
            {
                var row = Words(diff.PiecesOld[block.DeleteStartA + i], diff.PiecesNew[block.InsertStartB + i]);
                added += CountWords(row.New, Kind.Added);
                removed += CountWords(row.Old, Kind.Removed);
                rows.Add(row);
            }
            for (var i = paired; i < block.DeleteCountA; i++)
            {
                var text = diff.PiecesOld[block.DeleteStartA + i];
                removed += CountWords(text);
                rows.Add(new Row(RowKind.Removed, [new Segment(text, Kind.Removed)], []));
            }
            for (var i = paired; i < block.InsertCountB; i++)
            {
                var text = diff.PiecesNew[block.InsertStartB + i];
                added += CountWords(text);
                rows.Add(new Row(RowKind.Added, [], [new Segment(text, Kind.Added)]));
            }
            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }
        for (; a < diff.PiecesOld.Count; a++)
        {
            rows.Add(Same(diff.PiecesOld[a]));
        }
        return new Result(fold ? Fold(rows) : rows, added, removed);
    }

    private static Row Same(string text) => new(RowKind.Same, [new Segment(text, Kind.Same)], [new Segment(text, Kind.Same)]);

    private static Row Words(string oldText, string newText)
    {
        var oldTokens = WordChunker.Instance.Chunk(oldText);
        var newTokens = WordChunker.Instance.Chunk(newText);
        if (oldTokens.Count + newTokens.Count > MaxWordDiffTokens)
        {
            return new Row(RowKind.Changed, [new Segment(oldText, Kind.Removed)], [new Segment(newText, Kind.Added)]);
        }
        var diff = Differ.Instance.CreateDiffs(oldText, newText, false, false, WordChunker.Instance);
        var pieces = new List<(string Text, Kind Kind)>();
        var a = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++)
            {
                pieces.Add((diff.PiecesOld[a], Kind.Same));
            }
            var removed = string.Concat(diff.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            var added = string.Concat(diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            // A replaced word keeps its space outside the highlight: "a <del>quick</del> fox", not "a<del> quick</del> fox".
            var space = removed.Length > 0 && added.Length > 0 ? SharedLeadingSpace(removed, added) : 0;
            pieces.Add((removed[..space], Kind.Same));
            pieces.Add((removed[space..], Kind.Removed));
            pieces.Add((added[space..], Kind.Added));
            a = block.DeleteStartA + block.DeleteCountA;
        }
        pieces.AddRange(diff.PiecesOld.Skip(a).Select(t => (t, Kind.Same)));
        return new Row(
            RowKind.Changed,
            Merge(pieces.Where(p => p.Kind != Kind.Added)),
            Merge(pieces.Where(p => p.Kind != Kind.Removed)));
    }

    private static int SharedLeadingSpace(string left, string right)
    {
        var length = 0;
        while (length < left.Length && length < right.Length && left[length] == right[length] && char.IsWhiteSpace(left[length]))
        {
            length++;
        }
        return length;
    }

    private static List<Segment> Merge(IEnumerable<(string Text, Kind Kind)> pieces)
    {
        var merged = new List<Segment>();
        foreach (var (text, kind) in pieces)
        {
            if (text.Length == 0)
            {
                continue;
            }
            if (merged.Count > 0 && merged[^1].Kind == kind)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + text };
            }
            else
            {
                merged.Add(new Segment(text, kind));
            }
        }
        return merged;
    }

    private static List<Row> Fold(List<Row> rows)
    {
        var keep = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Kind != RowKind.Same)
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(rows.Count - 1, i + Context); j++)
                {
                    keep[j] = true;
                }
            }
        }
        var folded = new List<Row>();
        for (var i = 0; i < rows.Count;)
        {
            if (keep[i])
            {
                folded.Add(rows[i++]);
                continue;
            }
            var start = i;
            while (i < rows.Count && !keep[i])
            {
                i++;
            }
            folded.Add(new Row(RowKind.Folded, [], [], i - start));
        }
        return folded;
    }

    private static int CountWords(IEnumerable<Segment> segments, Kind kind) =>
        segments.Where(s => s.Kind == kind).Sum(s => CountWords(s.Text));

    private static int CountWords(string text) => WordPattern().Count(text);

    private static string Normalise(string? text) => (text ?? "").ReplaceLineEndings("\n").Trim();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s*(?:[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\S)|\s+\z")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    /// <summary>Blocks between blank lines: paragraphs, headings, list items written together.</summary>
    private sealed class ParagraphChunker : IChunker
    {
        public static readonly ParagraphChunker Instance = new();

        public IReadOnlyList<string> Chunk(string str) => str.Length == 0 ? [] : BlankLines().Split(str);
    }

    /// <summary>
    /// Words (with their apostrophes) and single punctuation marks, each with the space before it,
    /// so that only words and marks line up two versions, never a space that happens to match.
    /// </summary>
    private sealed class WordChunker : IChunker
    {
        public static readonly WordChunker Instance = new();

        public IReadOnlyList<string> Chunk(string str) => TokenPattern().Matches(str).Select(m => m.Value).ToArray();
    }
}
