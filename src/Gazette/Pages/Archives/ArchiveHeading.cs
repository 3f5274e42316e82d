namespace Gazette.Pages.Archives;

public sealed record ArchiveHeading(string Kind, string Name, string? Description);
