using System.Collections.Concurrent;
using Microsoft.ML;

namespace Gazette.Features.Spam;

/// <summary>
/// Comment-spam classifier: a linear model over word and character n-grams. Immutable once
/// trained or loaded; <see cref="Predict"/> may be called from any number of threads.
/// </summary>
public sealed class SpamClassifier
{
    private static readonly Lazy<SpamClassifier> Default = new(() => Train(SeedExamples.All));

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    // PredictionEngine is not thread-safe; a pool of them is cheaper than one lock under load.
    private readonly ConcurrentBag<PredictionEngine<SpamInput, SpamOutput>> _engines = [];

    private SpamClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
    }

    /// <summary>Trains a new classifier; the examples must include both spam and ham.</summary>
    /// <exception cref="ArgumentException">Only one class, or no examples at all.</exception>
    public static SpamClassifier Train(IEnumerable<LabeledText> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rows = examples.Select(e => SpamInput.From(e.Text, e.IsSpam)).ToList();
        if (!rows.Any(r => r.Label) || !rows.Any(r => !r.Label))
        {
            throw new ArgumentException("Training needs at least one spam and one ham example.", nameof(examples));
        }
        // A fixed seed makes the same examples give the same model, so evaluations repeat.
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        return new SpamClassifier(ml, SpamPipeline.Build(ml).Fit(data), data.Schema);
    }

    /// <summary>
    /// A classifier trained on the built-in seed corpus, so comments can be judged before any
    /// moderator decision exists. The instance is shared; it is immutable and thread-safe.
    /// </summary>
    public static SpamClassifier CreateDefault() => Default.Value;

    /// <summary>Reads a model written by <see cref="Save"/> (ML.NET model zip bytes).</summary>
    public static SpamClassifier Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(stream, out var inputSchema);
        return new SpamClassifier(ml, model, inputSchema);
    }

    /// <summary>Writes the model as ML.NET model zip bytes.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _ml.Model.Save(_model, _inputSchema, stream);
    }

    public SpamPrediction Predict(string text)
    {
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<SpamInput, SpamOutput>(_model, _inputSchema);
        }
        try
        {
            var output = engine.Predict(SpamInput.From(text));
            return new SpamPrediction(output.Probability >= 0.5f, output.Probability);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Scores many texts in one pass; faster than <see cref="Predict"/> in a loop.</summary>
    public IReadOnlyList<SpamPrediction> PredictMany(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var data = _ml.Data.LoadFromEnumerable(texts.Select(t => SpamInput.From(t)), _inputSchema);
        return _ml.Data.CreateEnumerable<SpamOutput>(_model.Transform(data), reuseRowObject: false)
            .Select(o => new SpamPrediction(o.Probability >= 0.5f, o.Probability))
            .ToList();
    }
}
