using Gazette.Features.Spam;

namespace Gazette.Tests.Features.Spam;

public class ClassifyingComments
{
    private static readonly SpamClassifier Trained = SpamClassifier.Train(new SyntheticComments(seed: 3).Generate(600));

    [Fact]
    public void TheDefaultClassifierFlagsObviousSpamWithHighConfidence()
    {
        var prediction = SpamClassifier.CreateDefault().Predict("Buy cheap viagra at http://pills.example");

        Assert.True(prediction.IsSpam);
        Assert.True(prediction.Probability > 0.9, $"p = {prediction.Probability}");
    }

    [Fact]
    public void TheDefaultClassifierPassesAnOrdinaryCorrection()
    {
        var prediction = SpamClassifier.CreateDefault().Predict("I was at the council meeting too; the vote was 5 to 4, not 6 to 3.");

        Assert.False(prediction.IsSpam);
        Assert.True(prediction.Probability < 0.2, $"p = {prediction.Probability}");
    }

    [Fact]
    public void GivesTheSameProbabilitiesAfterASaveAndLoad()
    {
        using var bytes = new MemoryStream();
        Trained.Save(bytes);
        bytes.Position = 0;
        var loaded = SpamClassifier.Load(bytes);

        var texts = new SyntheticComments(seed: 4).Generate(50).Select(e => e.Text).ToList();
        Assert.Equal(texts.Select(t => Trained.Predict(t)), texts.Select(t => loaded.Predict(t)));
    }

    [Fact]
    public void PredictsTheSameFromManyThreadsAsFromOne()
    {
        var texts = new SyntheticComments(seed: 5).Generate(400).Select(e => e.Text).ToArray();
        var sequential = texts.Select(t => Trained.Predict(t)).ToArray();

        var parallel = new SpamPrediction[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Trained.Predict(texts[i]));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void ScoresABatchLikeOneAtATime()
    {
        var texts = new SyntheticComments(seed: 6).Generate(40).Select(e => e.Text).ToList();

        Assert.Equal(texts.Select(t => Trained.Predict(t)), Trained.PredictMany(texts));
    }

    [Fact]
    public void TrainsTheSameModelFromTheSameExamples()
    {
        var examples = new SyntheticComments(seed: 3).Generate(600);
        var again = SpamClassifier.Train(examples);

        var texts = new SyntheticComments(seed: 7).Generate(30).Select(e => e.Text).ToList();
        Assert.Equal(Trained.PredictMany(texts), again.PredictMany(texts));
    }

    [Fact]
    public void RefusesToTrainOnOneClassOnly() =>
        Assert.Throws<ArgumentException>(() => SpamClassifier.Train([new LabeledText("hello", false)]));
}
