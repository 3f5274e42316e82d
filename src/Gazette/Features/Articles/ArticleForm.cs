using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Media;

namespace Gazette.Features.Articles;

/// <summary>What the newsroom's article editor posts.</summary>
public sealed class ArticleForm
{
    /// <summary>An article or a static page: chosen when it is created, kept after.</summary>
    public ArticleKind Kind { get; set; }

    /// <summary>The page a page sits under; empty for a top-level page.</summary>
    [Display(Name = "Parent page")]
    public int? ParentId { get; set; }

    [Range(-10_000, 10_000)]
    [Display(Name = "Order among its sibling pages")]
    public int MenuOrder { get; set; }

    [Required(ErrorMessage = "Give the article a headline.")]
    [StringLength(300)]
    public string Title { get; set; } = "";

    [StringLength(Slugs.MaxLength)]
    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use lower-case letters, digits and single dashes only.")]
    [Display(Name = "URL slug")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Write the article body.")]
    [StringLength(500_000)]
    [Display(Name = "Body (Markdown)")]
    public string Body { get; set; } = "";

    [StringLength(1000)]
    public string? Excerpt { get; set; }

    [StringLength(2000)]
    [Display(Name = "Featured image URL")]
    public string? FeaturedImageUrl { get; set; }

    [StringLength(500)]
    [Display(Name = "Alt text")]
    public string? FeaturedImageAlt { get; set; }

    [StringLength(1000)]
    [Display(Name = "Caption")]
    public string? FeaturedImageCaption { get; set; }

    [StringLength(300)]
    [Display(Name = "Credit (image source)")]
    public string? FeaturedImageCredit { get; set; }

    [StringLength(300)]
    [Display(Name = "Search title")]
    public string? SearchTitle { get; set; }

    [StringLength(500)]
    [Display(Name = "Search description")]
    public string? SearchDescription { get; set; }

    [StringLength(2000)]
    [Display(Name = "Podcast episode (audio file address)")]
    public string? EnclosureUrl { get; set; }

    /// <summary>An image picked from the media library, which replaces the featured image address.</summary>
    public int? FeaturedMediaId { get; set; }

    public List<int> CategoryIds { get; set; } = [];

    [StringLength(200)]
    [Display(Name = "New category")]
    public string? NewCategory { get; set; }

    [Display(Name = "Parent of the new category")]
    public int? NewCategoryParentId { get; set; }

    [StringLength(1000)]
    [Display(Name = "Tags, separated by commas")]
    public string? Tags { get; set; }

    [Display(Name = "Comments open")]
    public bool CommentsOpen { get; set; } = true;

    [Display(Name = "Featured (leads the home page, or stands beside the lead)")]
    public bool IsSticky { get; set; }

    /// <summary>
    /// The password readers must enter to read it (WordPress's "Password protected"); empty for none.
    /// Shown, and changed, only by those who may publish: for others the field is not on the form.
    /// </summary>
    [StringLength(Article.MaxPasswordLength, ErrorMessage = "A password can be at most {1} characters.")]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    /// <summary>The staff account whose name is the byline; empty keeps the article's (a new one's: whoever writes it).</summary>
    [StringLength(450)]
    [Display(Name = "Byline")]
    public string? AuthorId { get; set; }

    /// <summary>Who else wrote it, in byline order; null (the field not on the form) keeps them as they are.</summary>
    public List<string>? CoAuthorIds { get; set; }

    /// <summary>The image's description as typed here, for an image uploaded with the article.</summary>
    public MediaDescription ImageDescription() => new(FeaturedImageAlt, FeaturedImageCaption, FeaturedImageCredit);

    /// <summary>
    /// Makes <paramref name="item"/> the featured image, taking its alt text, caption and credit
    /// where those fields are empty, or still hold the description of the library image it
    /// replaces (<paramref name="replacing"/>): what was typed for this article wins.
    /// </summary>
    public void UseLibraryImage(MediaItem item, MediaItem? replacing = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        FeaturedImageUrl = item.Path;
        FeaturedImageAlt = Pick(FeaturedImageAlt, item.AltText, replacing?.AltText);
        FeaturedImageCaption = Pick(FeaturedImageCaption, item.Caption, replacing?.Caption);
        FeaturedImageCredit = Pick(FeaturedImageCredit, item.Credit, replacing?.Credit);

        static string? Pick(string? typed, string? fromLibrary, string? fromReplaced) =>
            string.IsNullOrWhiteSpace(typed) || (fromReplaced is not null && typed.Trim() == fromReplaced) ? fromLibrary : typed;
    }
    /// <summary>When to publish, as the site's clocks show it (its time zone setting); empty for now.</summary>
    [Display(Name = "Publish on")]
    public DateTime? PublishAt { get; set; }
}
