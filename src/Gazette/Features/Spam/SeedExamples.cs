namespace Gazette.Features.Spam;

/// <summary>
/// A small hand-written corpus of news/blog comments, so <see cref="SpamClassifier.CreateDefault"/>
/// has a sensible prior before any moderator has marked anything. Ham leans on what readers
/// really write (opinions, questions, corrections, replies, links to sources); spam covers the
/// usual families (pharma, casino, crypto, loans, SEO link drops, "nice post" + link, adult).
/// </summary>
internal static partial class SeedExamples
{
    // Built on demand: static fields in partial files initialise in no guaranteed order.
    public static IReadOnlyList<LabeledText> All =>
        [.. Ham.Select(t => new LabeledText(t, false)), .. Spam.Select(t => new LabeledText(t, true))];
}
