using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gazette.Features.Backup;

/// <summary>
/// <c>manifest.json</c> at the root of a backup archive: what made it, from which database and schema,
/// and the SHA-256 and size of every other entry, so a restore can refuse a damaged archive before it writes anything.
/// </summary>
public sealed record BackupManifest(
    int Format,
    string GazetteVersion,
    string Provider,
    DateTime CreatedAt,
    string Migration,
    IReadOnlyList<BackupEntry> Entries)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest in <paramref name="stream"/>; null when it is not one.</summary>
    public static BackupManifest? Read(Stream stream)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(stream, Json);
            return manifest is { Entries: not null, Provider: not null, Migration: not null } && manifest.Entries.All(e => e is { Name: not null, Sha256: not null })
                ? manifest
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One file of the archive: <c>database/…</c> or <c>media/…</c>.</summary>
public sealed record BackupEntry(string Name, string Sha256, long Size);
