namespace Gazette.Features.Spam;

/// <summary>Confusion counts and the usual scores, with spam as the positive class.</summary>
internal sealed record SpamScores(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Accuracy => Ratio(TruePositives + TrueNegatives, TruePositives + FalsePositives + FalseNegatives + TrueNegatives);

    // With no spam predicted (or none present) the score is 0 rather than undefined, as scikit-learn does.
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    public static SpamScores Of(IEnumerable<bool> actual, IEnumerable<bool> predicted)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (isSpam, saidSpam) in actual.Zip(predicted))
        {
            _ = (isSpam, saidSpam) switch
            {
                (true, true) => tp++,
                (false, true) => fp++,
                (true, false) => fn++,
                (false, false) => tn++,
            };
        }
        return new SpamScores(tp, fp, fn, tn);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
