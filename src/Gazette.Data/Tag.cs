namespace Gazette.Data;

public class Tag : ITerm
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";

    public ICollection<Article> Articles { get; } = [];
}
