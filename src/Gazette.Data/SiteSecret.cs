namespace Gazette.Data;

/// <summary>A random key the site makes once and keeps, shared by every app instance.</summary>
public class SiteSecret
{
    public string Name { get; set; } = "";
    public byte[] Value { get; set; } = [];
}
