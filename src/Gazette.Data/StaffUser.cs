using Microsoft.AspNetCore.Identity;

namespace Gazette.Data;

/// <summary>A member of staff who signs in to the newsroom and writes under a byline.</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>URL segment of the author's archive page, <c>/author/{slug}</c>.</summary>
    public string Slug { get; set; } = "";

    public string? Bio { get; set; }

    /// <summary>
    /// The author's photo, square, at 96 pixels (<c>/media/authors/…-96.webp</c>); the same address
    /// ending <c>-192.webp</c> is the copy for sharp screens. Null draws initials instead.
    /// </summary>
    public string? PhotoPath { get; set; }

    /// <summary>The author's profiles elsewhere (a website, Mastodon, LinkedIn…), one https address per line.</summary>
    public string? ProfileLinks { get; set; }

    public ICollection<Article> Articles { get; } = [];
}
