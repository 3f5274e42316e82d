namespace Gazette.Data;

/// <summary>The comment classifier as last trained from moderators' decisions (ML.NET model bytes).</summary>
public class SpamModel
{
    public int Id { get; set; }
    public byte[] Model { get; set; } = [];
    public DateTime TrainedAt { get; set; }
    public int HamCount { get; set; }
    public int SpamCount { get; set; }
}
