using Microsoft.AspNetCore.Identity;

namespace Gazette.Data;

/// <summary>A member of staff who signs in to the newsroom and writes under a byline.</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>URL segment of the author's archive page, <c>/author/{slug}</c>.</summary>
    public string Slug { get; set; } = "";

    public string? Bio { get; set; }

    public ICollection<Article> Articles { get; } = [];
}
