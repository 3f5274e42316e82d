namespace Gazette.Features.Spam;

/// <summary>
/// The classifier the comment policy consults. It starts from the built-in seed model, so it
/// has an opinion from the first comment; the model is trained in the background at start-up so
/// that the first reader does not wait for it.
/// </summary>
public sealed class SpamScorer : BackgroundService
{
    /// <summary>The probability, from 0 to 1, that <paramref name="text"/> is spam.</summary>
    public double Score(string text) => SpamClassifier.CreateDefault().Predict(text).Probability;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(SpamClassifier.CreateDefault, stoppingToken);
}
