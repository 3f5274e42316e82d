using System.Globalization;
using System.Text;
using System.Text.Json;

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

    /// <summary>The report as JSON, for a job's row (<see cref="Data.ImportJob.Report"/>), which any instance reads back.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Snapshot(
        Error, _counts.ToDictionary(c => c.Key, c => new[] { c.Value.Imported, c.Value.Skipped, c.Value.Failed }),
        Skips, SkipsNotListed, [.. _reasons.Select(r => new KeyValuePair<string, int>(r, _reasonCounts[r]))], Warnings, WarningsNotListed,
        Elapsed.TotalSeconds));

    public static ImportReport FromJson(string json)
    {
        var snapshot = JsonSerializer.Deserialize<Snapshot>(json) ?? throw new JsonException("No report.");
        var report = new ImportReport { Error = snapshot.Error, Elapsed = TimeSpan.FromSeconds(snapshot.ElapsedSeconds) };
        foreach (var (kind, counts) in snapshot.Counts.Where(c => report._counts.ContainsKey(c.Key) && c.Value.Length == 3))
        {
            (report._counts[kind].Imported, report._counts[kind].Skipped, report._counts[kind].Failed) = (counts[0], counts[1], counts[2]);
        }
        report.Skips.AddRange(snapshot.Skips);
        report.SkipsNotListed = snapshot.SkipsNotListed;
        foreach (var (reason, count) in snapshot.Reasons)
        {
            report._reasons.Add(reason);
            report._reasonCounts[reason] = count;
        }
        report.Warnings.AddRange(snapshot.Warnings);
        report.WarningsNotListed = snapshot.WarningsNotListed;
        return report;
    }

    private sealed record Snapshot(
        string? Error, Dictionary<string, int[]> Counts, List<string> Skips, int SkipsNotListed,
        List<KeyValuePair<string, int>> Reasons, List<string> Warnings, int WarningsNotListed, double ElapsedSeconds);

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
