namespace Gazette.Data;

public class Category : ITerm
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Description { get; set; }

    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public ICollection<Category> Children { get; } = [];

    public ICollection<Article> Articles { get; } = [];
}
