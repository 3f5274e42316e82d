using System.ComponentModel.DataAnnotations;

namespace Gazette.Features.Articles;

/// <summary>What the newsroom's article editor posts.</summary>
public sealed class ArticleForm
{
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

    [Display(Name = "Sticky (keep at the top of the home page)")]
    public bool IsSticky { get; set; }

    /// <summary>When to publish, as the site's clocks show it (its time zone setting); empty for now.</summary>
    [Display(Name = "Publish on")]
    public DateTime? PublishAt { get; set; }
}
