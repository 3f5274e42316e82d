using System.ComponentModel.DataAnnotations;

namespace Gazette.Pages.Admin.Media;

/// <summary>What the newsroom writes about a library image; articles that pick it start from this.</summary>
public sealed class MediaDetailsForm
{
    [StringLength(500)]
    [Display(Name = "Alt text")]
    public string? AltText { get; set; }

    [StringLength(1000)]
    [Display(Name = "Caption")]
    public string? Caption { get; set; }

    [StringLength(300)]
    [Display(Name = "Credit (image source)")]
    public string? Credit { get; set; }

    [StringLength(4000)]
    [Display(Name = "Description")]
    public string? Description { get; set; }
}
