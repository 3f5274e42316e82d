using System.Diagnostics;
using System.Globalization;

namespace Gazette.Features.Spam;

/// <summary>
/// <c>spam evaluate --train TRAIN.csv --test TEST.csv</c>: trains the comment classifier on one
/// labelled CSV and prints accuracy, precision, recall and F1 (spam positive) on the other.
/// </summary>
public static class EvaluateSpamClassifier
{
    private const string Usage = "Usage: spam evaluate --train TRAIN.csv --test TEST.csv";

    /// <returns>0 on success; 2 for bad usage or an unreadable file.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> options, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (ParseOptions(options) is not var (trainPath, testPath))
        {
            await errors.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        var train = await ReadAsync(trainPath, "--train", errors).ConfigureAwait(false);
        var test = await ReadAsync(testPath, "--test", errors).ConfigureAwait(false);
        if (train is null || test is null)
        {
            return 2;
        }
        if (!train.Any(e => e.IsSpam) || !train.Any(e => !e.IsSpam) || test.Count == 0)
        {
            await errors.WriteLineAsync("The training file needs spam and ham rows, and the test file at least one row.").ConfigureAwait(false);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var classifier = SpamClassifier.Train(train);
        var trainTime = clock.Elapsed;
        var predictions = classifier.PredictMany(test.Select(e => e.Text));
        var scores = SpamScores.Of(test.Select(e => e.IsSpam), predictions.Select(p => p.IsSpam));

        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv, $"accuracy: {scores.Accuracy:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"precision: {scores.Precision:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"recall: {scores.Recall:0.000}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"f1: {scores.F1:0.000}")).ConfigureAwait(false);
        await errors.WriteLineAsync(string.Create(inv,
            $"trained on {train.Count} rows in {trainTime.TotalSeconds:0.0} s; tested on {test.Count} rows " +
            $"(tp {scores.TruePositives}, fp {scores.FalsePositives}, fn {scores.FalseNegatives}, tn {scores.TrueNegatives})"))
            .ConfigureAwait(false);
        return 0;
    }

    private static (string Train, string Test)? ParseOptions(IReadOnlyList<string> options)
    {
        string? train = null, test = null;
        for (var i = 0; i + 1 < options.Count; i += 2)
        {
            switch (options[i])
            {
                case "--train" when train is null: train = options[i + 1]; break;
                case "--test" when test is null: test = options[i + 1]; break;
                default: return null;
            }
        }
        return options.Count == 4 && train is not null && test is not null ? (train, test) : null;
    }

    private static async Task<IReadOnlyList<LabeledText>?> ReadAsync(string path, string option, TextWriter errors)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var result = SpamCsv.Read(stream);
            if (result.Skipped.Count > 0)
            {
                var shown = string.Join("; ", result.Skipped.Take(5)) + (result.Skipped.Count > 5 ? "; …" : "");
                await errors.WriteLineAsync($"{path}: skipped {result.Skipped.Count} rows: {shown}").ConfigureAwait(false);
            }
            return result.Examples;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            await errors.WriteLineAsync($"{option} {path}: {reason}").ConfigureAwait(false);
            return null;
        }
    }
}
