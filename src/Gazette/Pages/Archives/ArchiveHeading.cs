namespace Gazette.Pages.Archives;

/// <summary>The top of an archive page. <paramref name="Avatar"/> is set on author pages: the name to draw initials from.</summary>
public sealed record ArchiveHeading(string Kind, string Name, string? Description, string? Avatar = null)
{
    /// <summary>An author's photo, when the archive is theirs and they have one.</summary>
    public string? Photo { get; init; }

    /// <summary>An author's profiles elsewhere, as stored.</summary>
    public string? Links { get; init; }
}
