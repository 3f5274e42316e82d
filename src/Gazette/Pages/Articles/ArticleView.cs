using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Media;

namespace Gazette.Pages.Articles;

public sealed record TermLink(int Id, string Name, string Url);

/// <summary>Everything the article page shows about the article itself.</summary>
public sealed record ArticleView(
    int Id, ArticleKind Kind, int? ParentId, string Title, string Slug, string BodyHtml, string Summary,
    DateTime PublishedAt, DateTime UpdatedAt, string AuthorName, string AuthorSlug,
    string? ImageUrl, string? ImageAlt, string? ImageCaption, string? ImageCredit,
    bool CommentsOpen, IReadOnlyList<TermLink> Categories, IReadOnlyList<TermLink> Tags)
{
    public string Url => ArticleLinks.Of(Kind, PublishedAt, Slug);

    public bool IsPage => Kind == ArticleKind.Page;

    /// <summary>Minutes an adult needs to read the body, from its words.</summary>
    public int ReadingMinutes => ReadingTime.Minutes(Words);

    /// <summary>Words in the body, counted once when the page loads it (the byline and JSON-LD both use it).</summary>
    public int Words { get; init; }

    // The body is HTML this site rendered and sanitised itself: skipping tags is enough to count words.
    public static int CountWords(string bodyHtml) => ReadingTime.Words(bodyHtml, skipMarkup: true);

    /// <summary>What the author says of themselves (their profile's bio), for the box under the article.</summary>
    public string? AuthorBio { get; init; }

    /// <summary>Published for staff only: shown to them with a note, never to readers.</summary>
    public bool IsPrivate { get; init; }

    /// <summary>Readers need a password to read it (see <see cref="Features.Articles.ArticlePasswords"/>).</summary>
    public bool IsProtected { get; init; }

    /// <summary>The password, to check a reader's cookie or guess against. Never shown.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Protected, and this visitor has not given the password (nor may edit it): the page shows the
    /// headline, byline and password form, and nothing of the body, image or conversation.
    /// </summary>
    public bool Locked { get; init; }

    /// <summary>Whose article it is, for the staff check on a private or protected one.</summary>
    public string AuthorId { get; init; } = "";

    /// <summary>Who else wrote it, in byline order.</summary>
    public IReadOnlyList<Features.Articles.BylineName> CoAuthors { get; init; } = [];

    /// <summary>The author's photo (see <see cref="Features.Staff.AuthorProfile"/>), or null to draw their initials.</summary>
    public string? AuthorPhoto { get; init; }

    /// <summary>The author's profiles elsewhere, as stored: one address per line.</summary>
    public string? AuthorLinks { get; init; }

    /// <summary>The featured image's sizes when it comes from the media library; null for any other address.</summary>
    public ResponsiveImage? Picture { get; init; }

    public string AuthorUrl => ArticleLinks.Author(AuthorSlug);

    /// <summary>The title and description search engines and link previews get, where they differ from the headline and summary.</summary>
    public string? SearchTitle { get; init; }
    public string? SearchDescription { get; init; }

    /// <summary>The podcast episode's file and type, played above the story (see <see cref="Episodes"/>).</summary>
    public string? EnclosureUrl { get; init; }
    public string? EnclosureType { get; init; }

    /// <summary>What the page's description says: the search description, else the summary.</summary>
    public string Description => string.IsNullOrWhiteSpace(SearchDescription) ? Summary : SearchDescription;

    /// <summary>Worth telling readers: the article changed well after it went out.</summary>
    public bool WasUpdated => UpdatedAt - PublishedAt > TimeSpan.FromMinutes(30);
}
