using System.Text;
using Gazette.Features.Spam;

namespace Gazette.Tests.Features.Spam;

/// <summary>A CSV file in the temp folder, deleted on dispose.</summary>
internal sealed class TempCsv : IDisposable
{
    public TempCsv(string content, bool byteOrderMark = false)
    {
        File.WriteAllText(Path, content, new UTF8Encoding(byteOrderMark));
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gazette-spam-{Guid.NewGuid():N}.csv");

    public static TempCsv Write(IEnumerable<LabeledText> rows) =>
        new("text,label\n" + string.Concat(rows.Select(r =>
            $"\"{r.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{(r.IsSpam ? "spam" : "ham")}\n")));

    public void Dispose() => File.Delete(Path);
}
