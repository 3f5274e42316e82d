namespace Gazette.Data;

/// <summary>
/// What an importer brought in, by the other system's own identifier: running the same import
/// again finds each item here and leaves it alone, and later imports from the same site can
/// attach new comments to articles brought in before.
/// </summary>
public class ImportedItem
{
    public int Id { get; set; }

    /// <summary>The site the item came from, e.g. a WordPress export's base site URL.</summary>
    public string Source { get; set; } = "";

    /// <summary>"author", "category", "tag", "post", "attachment" or "comment".</summary>
    public string Kind { get; set; } = "";

    /// <summary>The identifier the item had there (a WordPress post, term, comment or user id).</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>The key of the row made (or matched) here; empty for an item kept only by its URL.</summary>
    public string LocalId { get; set; } = "";

    public DateTime ImportedAt { get; set; }
}
