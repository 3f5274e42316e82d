using System.Globalization;
using System.Text;

namespace Gazette.Features.Search;

/// <summary>One thing the reader asked for: a word, or several words that must follow each other.</summary>
/// <param name="Words">Lower-cased words of letters, marks and digits only.</param>
/// <param name="IsPrefix">The last word may be the start of a longer one (<c>harb*</c>).</param>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool IsPrefix);

/// <summary>
/// A reader's search box input, parsed into terms every one of which a result must contain.
/// Quoted text is a phrase, a trailing <c>*</c> asks for a prefix, and everything else that is not a
/// letter, mark or digit only separates words. The database query is written from these terms alone,
/// never from the input, so no input can reach FTS5's or <c>to_tsquery</c>'s syntax: operators such as
/// <c>NEAR(</c>, <c>AND</c> or <c>!</c> become words or nothing, and a query cannot fail to parse.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Input beyond this is ignored: no reader types more, and it bounds the work a query costs.</summary>
    public const int MaxLength = 200;

    /// <summary>More terms than this are ignored, for the same reason.</summary>
    public const int MaxTerms = 12;

    private SearchQuery(string text, IReadOnlyList<SearchTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>What was searched for: the input, trimmed and cut at <see cref="MaxLength"/>.</summary>
    public string Text { get; }

    public IReadOnlyList<SearchTerm> Terms { get; }

    /// <summary>Nothing searchable in the input (empty, or only punctuation and symbols).</summary>
    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? input)
    {
        var text = Cut(WithoutControlCharacters(input ?? "").Normalize(NormalizationForm.FormC).Trim(), MaxLength);
        var terms = new List<SearchTerm>();
        var i = 0;
        while (i < text.Length && terms.Count < MaxTerms)
        {
            string raw;
            bool isPrefix;
            if (text[i] == '"')
            {
                // A phrase runs to the closing quote, or to the end when it was never closed;
                // a star right after the closing quote asks for a prefix, as in FTS5.
                var end = text.IndexOf('"', i + 1);
                raw = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                isPrefix = i < text.Length && text[i] == '*';
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != '"' && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
                raw = text[start..i];
                isPrefix = raw.EndsWith('*');
            }
            var words = Words(raw);
            if (words.Count > 0)
            {
                var term = new SearchTerm(words, isPrefix);
                if (!terms.Any(t => t.IsPrefix == term.IsPrefix && t.Words.SequenceEqual(term.Words)))
                {
                    terms.Add(term);
                }
            }
        }
        return new SearchQuery(text, terms);
    }

    /// <summary>
    /// The terms as an FTS5 query: each a double-quoted string (a phrase when it has several words),
    /// a prefix marked with <c>*</c>, all of them required.
    /// </summary>
    public string ToFts5() => string.Join(' ', Terms.Select(t => $"\"{string.Join(' ', t.Words)}\"{(t.IsPrefix ? "*" : "")}"));

    /// <summary>
    /// The terms as PostgreSQL <c>to_tsquery</c> input: each word a quoted lexeme, the words of a
    /// phrase joined by <c>&lt;-&gt;</c> (followed by), a prefix marked with <c>:*</c>, terms joined by <c>&amp;</c>.
    /// </summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select(t =>
    {
        var lexemes = t.Words.Select((w, index) => $"'{w}'{(t.IsPrefix && index == t.Words.Count - 1 ? ":*" : "")}");
        return t.Words.Count == 1 ? lexemes.First() : "(" + string.Join(" <-> ", lexemes) + ")";
    }));

    /// <summary>The runs of letters, marks and digits in <paramref name="raw"/>, lower-cased.</summary>
    private static List<string> Words(string raw)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in raw.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    /// <summary>Control characters (NUL, the highlight markers…) as spaces: they separate words and may not be echoed into the page.</summary>
    private static string WithoutControlCharacters(string input) =>
        input.Any(char.IsControl) ? string.Concat(input.Select(c => char.IsControl(c) ? ' ' : c)) : input;

    /// <summary>The first <paramref name="max"/> characters, never splitting a surrogate pair.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        return char.IsHighSurrogate(text[max - 1]) ? text[..(max - 1)] : text[..max];
    }
}
