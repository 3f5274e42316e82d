using CsvHelper;

namespace Gazette.Features.Spam;

/// <summary>
/// Reads a labelled comment file: RFC 4180 CSV, UTF-8 with or without BOM, a header naming
/// <c>text</c> and <c>label</c> (any case, any order, other columns ignored), label
/// <c>spam</c> or <c>ham</c>. Rows without a usable label or text are skipped and reported.
/// </summary>
internal static class SpamCsv
{
    public sealed record Result(IReadOnlyList<LabeledText> Examples, IReadOnlyList<string> Skipped);

    /// <exception cref="InvalidDataException">No <c>text</c>/<c>label</c> header, or malformed CSV.</exception>
    public static Result Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Without a BOM the reader assumes UTF-8; with one it honours it.
        using var csv = CsvReader.Create(stream, Options, leaveOpen: true);
        return Read(csv);
    }

    public static Result Read(string text)
    {
        using var csv = CsvReader.FromText(text, Options);
        return Read(csv);
    }

    private static readonly CsvReaderOptions Options = new()
    {
        // Fixed rather than sniffed: a first comment full of semicolons must not change the format.
        Separator = ',',
        TrackLineNumbers = true,
    };

    private static Result Read(CsvReader csv)
    {
        try
        {
            // Lookup by name is exact first, then case- and whitespace-insensitive.
            if (!csv.TryGetFieldIndex("text", out var textIndex) || !csv.TryGetFieldIndex("label", out var labelIndex))
            {
                throw new InvalidDataException("expected a header row with the columns text and label");
            }
            var examples = new List<LabeledText>();
            var skipped = new List<string>();
            while (csv.Read())
            {
                var line = csv.LineNumber;
                var text = textIndex < csv.FieldCount ? csv.GetString(textIndex) : "";
                var label = labelIndex < csv.FieldCount ? csv.GetString(labelIndex).Trim() : "";
                if (label.Length == 0)
                {
                    skipped.Add($"line {line}: no label");
                }
                else if (ParseLabel(label) is not { } isSpam)
                {
                    skipped.Add($"line {line}: unknown label \"{Shorten(label)}\" (expected spam or ham)");
                }
                else if (string.IsNullOrWhiteSpace(text))
                {
                    skipped.Add($"line {line}: no text");
                }
                else
                {
                    examples.Add(new LabeledText(text, isSpam));
                }
            }
            return new Result(examples, skipped);
        }
        catch (CsvFormatException e)
        {
            throw new InvalidDataException($"malformed CSV: {e.Message}", e);
        }
    }

    private static bool? ParseLabel(string label) =>
        label.Equals("spam", StringComparison.OrdinalIgnoreCase) ? true
        : label.Equals("ham", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
