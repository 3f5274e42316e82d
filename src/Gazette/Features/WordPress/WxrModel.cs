namespace Gazette.Features.WordPress;

/// <summary>
/// The channel's own facts, read before its first item. <see cref="BaseSiteUrl"/> is WordPress's
/// own address (<c>wp:base_site_url</c>), <see cref="BaseBlogUrl"/> the blog's (<c>wp:base_blog_url</c>),
/// which differ when WordPress lives in one folder and the blog in another; both default to the link.
/// </summary>
public sealed record WxrChannel(string Title, string Link, string BaseSiteUrl, string Version, string BaseBlogUrl);

public sealed record WxrAuthor(string Id, string Login, string? Email, string? DisplayName, string? FirstName, string? LastName)
{
    /// <summary>How many times the file lists this login: WordPress's importer takes the last listing, and so does the reader.</summary>
    public int Listings { get; init; } = 1;
}

/// <summary>
/// A term from the channel's lists: <c>wp:category</c> (taxonomy "category"), <c>wp:tag</c>
/// ("post_tag") or <c>wp:term</c> (any other taxonomy, such as "nav_menu").
/// </summary>
public sealed record WxrTerm(string Taxonomy, string Id, string Slug, string Name, string? ParentSlug, string? Description)
{
    /// <summary>The term's <c>wp:termmeta</c>, by key.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The id the file gives this term when an earlier term of its taxonomy, with another slug, has it too;
    /// <see cref="Id"/> is then empty and the term is known by its slug, as WordPress's importer knows terms.
    /// </summary>
    public string? SharedId { get; init; }
}

/// <summary>A term an item is filed under: <c>&lt;category domain="category" nicename="news"&gt;News&lt;/category&gt;</c>.</summary>
public sealed record WxrItemTerm(string Domain, string Slug, string Name);

public sealed class WxrComment
{
    /// <summary>WordPress's comment ID; made unique (<c>70@12</c>, on item 12) when an earlier comment in the file has it.</summary>
    public string Id { get; set; } = "";

    /// <summary>The ID the file gives the comment, when an earlier comment has it too; null otherwise.</summary>
    public string? SharedId { get; set; }
    public string Author { get; set; } = "";
    public string? Email { get; set; }
    public string? Url { get; set; }
    public string? Ip { get; set; }
    public DateTime? Date { get; set; }
    public string Content { get; set; } = "";

    /// <summary>"1" approved, "0" pending, "spam", "trash" or "post-trashed".</summary>
    public string Approved { get; set; } = "1";

    /// <summary>"", "comment", "pingback" or "trackback".</summary>
    public string Type { get; set; } = "";
    public string Parent { get; set; } = "0";
}

/// <summary>One <c>item</c>: a post, page, attachment or anything else WordPress stores as a post.</summary>
public sealed class WxrItem
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Link { get; set; }
    public string? GuidText { get; set; }
    public string? Creator { get; set; }
    public string Content { get; set; } = "";
    public string Excerpt { get; set; } = "";

    /// <summary>The time in GMT; null when WordPress left it empty (<c>0000-00-00</c>), as for drafts.</summary>
    public DateTime? DateGmt { get; set; }

    /// <summary>The time in the site's own zone, which WordPress puts in dated permalinks.</summary>
    public DateTime? DateLocal { get; set; }

    /// <summary>When the item last changed, in GMT; null when WordPress left it empty (<c>0000-00-00</c>), as for drafts.</summary>
    public DateTime? ModifiedGmt { get; set; }

    /// <summary>When the item last changed, in the site's own zone.</summary>
    public DateTime? ModifiedLocal { get; set; }
    public string Slug { get; set; } = "";
    public string Status { get; set; } = "";
    public string Type { get; set; } = "post";
    public string Parent { get; set; } = "0";
    public int MenuOrder { get; set; }
    public string? Password { get; set; }
    public bool IsSticky { get; set; }
    public string CommentStatus { get; set; } = "open";
    public string? AttachmentUrl { get; set; }
    public List<WxrItemTerm> Terms { get; } = [];
    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);
    public List<WxrComment> Comments { get; } = [];
}
