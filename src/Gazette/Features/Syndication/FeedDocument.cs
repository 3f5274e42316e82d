namespace Gazette.Features.Syndication;

/// <summary>
/// A feed before it is written in one of the formats: every URL absolute, every date UTC.
/// The writers only translate; what goes into a feed is decided where it is loaded.
/// <see cref="Id"/> stays the same for the feed's lifetime (Atom's feed id), <see cref="HomeUrl"/>
/// is the page the feed follows, <see cref="SelfUrl"/> the feed's own address in the format being
/// written, and <see cref="Updated"/> the newest change among the entries (null for an empty feed).
/// </summary>
public sealed record FeedDocument(
    string Id, string Title, string Description, string Language, string HomeUrl, string SelfUrl,
    DateTime? Updated, IReadOnlyList<FeedEntry> Entries)
{
    /// <summary>
    /// For the <c>Last-Modified</c> header: <see cref="Updated"/>, or later when something left the
    /// feed. (Nothing dates a deletion: the <c>ETag</c>, a hash of the bytes, catches that.)
    /// </summary>
    public DateTime? LastModified { get; init; }
}

/// <summary>
/// One article, or one comment, in a feed. <see cref="Id"/> is a tag URI made from the database
/// id (<see cref="TagUri"/>), so that an edit, a new slug or a new date never makes readers see
/// the entry again as new. <see cref="Summary"/> is plain text (the excerpt, or the comment);
/// <see cref="ContentHtml"/> the full text as HTML, null when the feed carries excerpts only.
/// </summary>
public sealed record FeedEntry(
    string Id, string Title, string Url, DateTime Published, DateTime Updated,
    FeedPerson Author, string Summary, string? ContentHtml, FeedImage? Image, IReadOnlyList<string> Categories)
{
    /// <summary>Everyone in the byline: the author, then those who wrote it with them.</summary>
    public IReadOnlyList<FeedPerson> Authors { get; init; } = [Author];

    /// <summary>The podcast episode's audio, which podcast apps play: RSS's one enclosure, before the image.</summary>
    public FeedEnclosure? Enclosure { get; init; }
}

/// <summary>A file an entry carries (a podcast episode's audio): its absolute address, type and size in bytes (0 when unknown).</summary>
public sealed record FeedEnclosure(string Url, string MediaType, long Length);

/// <summary>Who wrote an entry: a name, and a public page of theirs at most. Never an email.</summary>
public sealed record FeedPerson(string Name, string? Url);

/// <summary>
/// A featured image, as far as the site knows it: <see cref="Length"/> (bytes) and the size only
/// for an image from the media library, not for an address elsewhere.
/// </summary>
public sealed record FeedImage(
    string Url, string MediaType, long? Length, int? Width, int? Height, string? Alt, string? Caption, string? Credit);
