namespace Gazette.Data;

/// <summary>
/// An article as one save in the newsroom left it: every save keeps one, so staff can compare
/// any two and restore an earlier one. The latest revision is the article as it stands.
/// </summary>
public class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }

    public DateTime SavedAt { get; set; }

    /// <summary>The member of staff who saved; null once their account is deleted.</summary>
    public string? SavedById { get; set; }
    public StaffUser? SavedBy { get; set; }

    /// <summary>What changed since the revision before, or how this one came about ("Restored from …").</summary>
    public string Summary { get; set; } = "";

    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";

    /// <summary>The Markdown, as the author wrote it.</summary>
    public string Body { get; set; } = "";

    public string? Excerpt { get; set; }
    public string? FeaturedImageUrl { get; set; }
    public string? FeaturedImageAlt { get; set; }
    public string? FeaturedImageCaption { get; set; }
    public string? FeaturedImageCredit { get; set; }

    /// <summary>The article's status after this save.</summary>
    public ArticleStatus Status { get; set; }

    /// <summary>With <see cref="Slug"/>, where the article was public after this save: old URLs are found here.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>Category names, comma-separated: kept to show, not restored.</summary>
    public string Categories { get; set; } = "";

    /// <summary>Tag names, comma-separated: kept to show, not restored.</summary>
    public string Tags { get; set; } = "";
}
