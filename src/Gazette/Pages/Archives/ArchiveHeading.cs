namespace Gazette.Pages.Archives;

/// <summary>The top of an archive page. <paramref name="Avatar"/> is set on author pages: the name to draw initials from.</summary>
public sealed record ArchiveHeading(string Kind, string Name, string? Description, string? Avatar = null);
