using System.Globalization;
using System.Text;

namespace Gazette.Features.WordPress;

/// <summary>
/// What an import did, per kind: how many were imported, skipped (each with its reason) and failed,
/// and the warnings about what was brought in but changed. Every skip is counted under its reason;
/// the skipped items themselves are listed up to a limit, so that a huge export cannot fill memory.
/// </summary>
public sealed class ImportReport
{
    public const int MaxLinesPerList = 500;

    public static readonly IReadOnlyList<string> Kinds =
        ["authors", "categories", "tags", "posts", "pages", "attachments", "comments", "redirects", "menus"];

    private readonly Dictionary<string, Counts> _counts = Kinds.ToDictionary(k => k, _ => new Counts(), StringComparer.Ordinal);

    public sealed class Counts
    {
        public int Imported { get; set; }
        public int Skipped { get; set; }
        public int Failed { get; set; }
    }

    /// <summary>Why the whole import stopped (nothing, or only the batches before it, was written); null when it finished.</summary>
    public string? Error { get; set; }

    public bool Succeeded => Error is null;

    public IReadOnlyDictionary<string, Counts> ByKind => _counts;

    public List<string> Skips { get; } = [];
    public int SkipsNotListed { get; private set; }

    /// <summary>"kind: reason" → how many items were skipped for it, in the order first met.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> SkipsByReason => [.. _reasons.Select(r => KeyValuePair.Create(r, _reasonCounts[r]))];

    private readonly List<string> _reasons = [];
    private readonly Dictionary<string, int> _reasonCounts = new(StringComparer.Ordinal);

    public List<string> Warnings { get; } = [];
    public int WarningsNotListed { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public void Imported(string kind) => _counts[kind].Imported++;

    public void Skipped(string kind, string what, string reason)
    {
        _counts[kind].Skipped++;
        var key = $"{kind}: {reason}";
        if (!_reasonCounts.ContainsKey(key) && _reasons.Count >= MaxLinesPerList)
        {
            key = $"{kind}: other reasons";
        }
        if (_reasonCounts.TryAdd(key, 1))
        {
            _reasons.Add(key);
        }
        else
        {
            _reasonCounts[key]++;
        }
        if (Skips.Count < MaxLinesPerList)
        {
            Skips.Add($"{kind}: {what}: {reason}");
        }
        else
        {
            SkipsNotListed++;
        }
    }

    public void Failed(string kind, string what, string reason)
    {
        _counts[kind].Failed++;
        Warn($"{kind}: {what}: FAILED: {reason}");
    }

    public void Warn(string line)
    {
        if (Warnings.Count < MaxLinesPerList)
        {
            Warnings.Add(line);
        }
        else
        {
            WarningsNotListed++;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(Succeeded ? "WordPress import finished." : $"WordPress import failed: {Error}");
        text.AppendLine(culture, $"{"",-12} {"imported",9} {"skipped",8} {"failed",7}");
        foreach (var (kind, counts) in _counts)
        {
            text.AppendLine(culture, $"{kind,-12} {counts.Imported,9} {counts.Skipped,8} {counts.Failed,7}");
        }
        if (_reasons.Count > 0)
        {
            text.AppendLine().AppendLine("Skipped, by reason:");
            foreach (var reason in _reasons)
            {
                text.AppendLine(culture, $"  {_reasonCounts[reason],7}  {reason}");
            }
        }
        if (Skips.Count > 0)
        {
            text.AppendLine().AppendLine("Skipped:");
            Skips.ForEach(s => text.Append("  ").AppendLine(s));
            if (SkipsNotListed > 0)
            {
                text.AppendLine(culture, $"  … and {SkipsNotListed} more");
            }
        }
        if (Warnings.Count > 0)
        {
            text.AppendLine().AppendLine("Warnings:");
            Warnings.ForEach(w => text.Append("  ").AppendLine(w));
            if (WarningsNotListed > 0)
            {
                text.AppendLine(culture, $"  … and {WarningsNotListed} more");
            }
        }
        text.AppendLine(culture, $"Took {Elapsed.TotalSeconds:0.0} s.");
        return text.ToString();
    }
}
