namespace Gazette.Features.Spam;

/// <summary>A comment text with a moderator's (or a dataset's) verdict.</summary>
public sealed record LabeledText(string Text, bool IsSpam);

/// <summary>The classifier's verdict on one text.</summary>
/// <param name="IsSpam">True when <paramref name="Probability"/> is at least one half.</param>
/// <param name="Probability">Calibrated probability that the text is spam, from 0 to 1.</param>
public readonly record struct SpamPrediction(bool IsSpam, float Probability);
