namespace Gazette.Data;

public enum ArticleStatus
{
    Draft = 0,
    Published = 1,

    /// <summary>Submitted for review by a Contributor; an Editor publishes or returns it.</summary>
    Pending = 2,

    /// <summary>Published for staff only (WordPress's "private"): readers never see it, on any page.</summary>
    Private = 4,

    /// <summary>Publishes by itself at <see cref="Article.PublishedAt"/>; until then readers never see it.</summary>
    Scheduled = 3,
}

/// <summary>What an entry is: a dated news article, or a static page such as About or Contact.</summary>
public enum ArticleKind
{
    /// <summary>A dated article at <c>/{yyyy}/{MM}/{slug}</c>, listed on the home page, archives and feeds.</summary>
    Post = 0,

    /// <summary>A page at <c>/{slug}</c> with no date, kept out of lists and feeds; pages may nest under a parent.</summary>
    Page = 1,
}

public class Article
{
    public int Id { get; set; }
    public ArticleKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";

    /// <summary>The Markdown the author wrote.</summary>
    public string Body { get; set; } = "";

    /// <summary>
    /// <see cref="Body"/> rendered to sanitised HTML when the article is saved, so that
    /// serving the page never runs the Markdown pipeline.
    /// </summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>
    /// <see cref="Body"/> as plain text, without Markdown's punctuation or link targets: what full-text
    /// search indexes and quotes in its snippets. Derived on every save (see the app's search feature).
    /// </summary>
    public string BodyText { get; set; } = "";

    public string? Excerpt { get; set; }

    /// <summary>The excerpt, or the article's lead when none was written: for lists and meta tags.</summary>
    public string Summary { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    public string AuthorId { get; set; } = "";
    public StaffUser? Author { get; set; }

    /// <summary>Who else wrote it, named after the author in the byline.</summary>
    public ICollection<ArticleCoAuthor> CoAuthors { get; } = [];

    /// <summary>A path under the media folder (<c>/media/…</c>) or an absolute URL.</summary>
    public string? FeaturedImageUrl { get; set; }
    public string? FeaturedImageAlt { get; set; }
    public string? FeaturedImageCaption { get; set; }

    /// <summary>Who the image comes from, shown as "Image source: …" under it.</summary>
    public string? FeaturedImageCredit { get; set; }

    /// <summary>
    /// The title search engines and link previews show (<c>&lt;title&gt;</c>, OpenGraph), when it should
    /// differ from the headline; null to use the headline. WordPress's SEO plugins keep one.
    /// </summary>
    public string? SearchTitle { get; set; }

    /// <summary>The meta description (and OpenGraph's and JSON-LD's), when it should differ from the summary; null to use the summary.</summary>
    public string? SearchDescription { get; set; }

    /// <summary>
    /// An audio file the article carries as a podcast episode: played above the story, and the
    /// enclosure of its feed entries. An absolute address or a path under <c>/media/</c>.
    /// </summary>
    public string? EnclosureUrl { get; set; }

    /// <summary>The enclosure's size in bytes, as feeds announce it; 0 when unknown.</summary>
    public long EnclosureLength { get; set; }

    /// <summary>The enclosure's media type (<c>audio/mpeg</c>).</summary>
    public string? EnclosureType { get; set; }

    /// <summary>
    /// The page this page sits under (pages only): for breadcrumbs and the page tree. A plain
    /// column, not a foreign key: adding one to an existing table makes SQLite rebuild it on upgrade,
    /// and a page whose parent is gone simply shows as top-level.
    /// </summary>
    public int? ParentId { get; set; }

    /// <summary>Where a page sorts among its siblings, lowest first (WordPress's <c>menu_order</c>).</summary>
    public int MenuOrder { get; set; }

    public bool CommentsOpen { get; set; } = true;
    public bool IsSticky { get; set; }

    /// <summary>
    /// The password readers must give to read the article (WordPress's "password protected"); null
    /// for none. Until they give it, readers see the headline and byline only: no body, excerpt,
    /// image or comments, on any page, feed or index. Kept in clear, as WordPress keeps it: it is a
    /// secret the newsroom hands out and editors read back in the editor, and it guards text that sits
    /// in clear in this same row, so hiding it from someone who can read the row would protect nothing.
    /// </summary>
    public string? Password { get; set; }

    public ICollection<Category> Categories { get; } = [];
    public ICollection<Tag> Tags { get; } = [];
    public ICollection<Comment> Comments { get; } = [];

    public bool IsPublished => Status == ArticleStatus.Published && PublishedAt is not null;

    /// <summary>Whether readers need <see cref="Password"/> to read it.</summary>
    public bool IsProtected => Password is not null;

    /// <summary>As long as WordPress's <c>post_password</c> column.</summary>
    public const int MaxPasswordLength = 255;
}
