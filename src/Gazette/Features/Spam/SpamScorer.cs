using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Spam;

/// <summary>
/// The classifier the comment policy consults, and how it learns. It starts from the built-in seed
/// model, so it has an opinion from the first comment. When moderators approve comments or mark
/// them as spam, it retrains in the background on their decisions plus the seed corpus, stores the
/// model in the database, and every instance picks up the newest stored model.
/// </summary>
public sealed class SpamScorer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SpamScorer> logger) : BackgroundService
{
    /// <summary>Most recent decisions of each kind used for training, to keep training quick.</summary>
    public const int MaxExamplesPerClass = 20_000;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    private volatile SpamClassifier? _current;
    private DateTime _currentTrainedAt = DateTime.MinValue;
    private int _retrainRequested;

    /// <summary>The probability, from 0 to 1, that <paramref name="text"/> is spam.</summary>
    public double Score(string text) => (_current ?? SpamClassifier.CreateDefault()).Predict(text).Probability;

    /// <summary>Moderators changed what counts as spam or ham: retrain at the next tick.</summary>
    public void RequestRetraining() => Interlocked.Exchange(ref _retrainRequested, 1);

    /// <summary>Trains on the stored decisions and the seed corpus, stores the model and starts using it.</summary>
    public async Task RetrainAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var ham = await LatestTextsAsync(db, CommentStatus.Approved, cancellationToken);
        var spam = await LatestTextsAsync(db, CommentStatus.Spam, cancellationToken);
        var examples = SeedExamples.All
            .Concat(ham.Select(t => new LabeledText(t, false)))
            .Concat(spam.Select(t => new LabeledText(t, true)));
        var classifier = await Task.Run(() => SpamClassifier.Train(examples), cancellationToken);

        using var bytes = new MemoryStream();
        classifier.Save(bytes);
        var model = new SpamModel
        {
            Model = bytes.ToArray(), TrainedAt = clock.GetUtcNow().UtcDateTime, HamCount = ham.Count, SpamCount = spam.Count,
        };
        db.SpamModels.Add(model);
        await db.SaveChangesAsync(cancellationToken);
        // All but the newest stored, not all but this one: another instance retraining at the same moment
        // keeps its model when it is the newer, and a row it has not yet committed is deleted by its own
        // pass, which runs after both are stored.
        await db.SpamModels.Where(m => m.Id < db.SpamModels.Max(newest => newest.Id)).ExecuteDeleteAsync(cancellationToken);
        (_current, _currentTrainedAt) = (classifier, model.TrainedAt);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        do
        {
            try
            {
                if (Interlocked.Exchange(ref _retrainRequested, 0) == 1)
                {
                    await RetrainAsync(stoppingToken);
                }
                else
                {
                    await LoadNewerStoredModelAsync(stoppingToken);
                }
                // Train the seed model now rather than on the first reader's comment.
                _ = _current ?? SpamClassifier.CreateDefault();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The comment classifier could not be updated; it keeps the model it has.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task LoadNewerStoredModelAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var newest = await db.SpamModels.AsNoTracking()
            .Where(m => m.TrainedAt > _currentTrainedAt)
            .OrderByDescending(m => m.TrainedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (newest is not null)
        {
            using var stream = new MemoryStream(newest.Model);
            (_current, _currentTrainedAt) = (SpamClassifier.Load(stream), newest.TrainedAt);
        }
    }

    private static Task<List<string>> LatestTextsAsync(GazetteDbContext db, CommentStatus status, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking()
            .Where(c => c.Status == status)
            .OrderByDescending(c => c.CreatedAt)
            .Take(MaxExamplesPerClass)
            .Select(c => c.Text)
            .ToListAsync(cancellationToken);
}
