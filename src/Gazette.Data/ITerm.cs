namespace Gazette.Data;

/// <summary>What sections and tags have in common: a name and a slug, by which articles are filed and listed.</summary>
public interface ITerm
{
    int Id { get; set; }
    string Name { get; set; }
    string Slug { get; set; }
}
