using System.IO.Compression;

namespace Gazette.Features.Backup;

/// <summary>Writes a backup's entries into a zip, keeping each one's SHA-256 and size for the manifest written last.</summary>
internal sealed class BackupArchiveWriter(ZipArchive zip)
{
    private readonly List<BackupEntry> _entries = [];

    public IReadOnlyList<BackupEntry> Entries => _entries;

    public async Task AddAsync(string name, Func<Stream, Task> write, CompressionLevel compression)
    {
        ArgumentNullException.ThrowIfNull(write);
        var entry = zip.CreateEntry(name, compression);
        await using var stream = await entry.OpenAsync();
        await using var hashing = new HashingStream(stream);
        await write(hashing);
        await hashing.FlushAsync();
        _entries.Add(new BackupEntry(name, hashing.Sha256(), hashing.Written));
    }

    /// <summary>Adds a file; one deleted meanwhile throws before any entry is made, so the archive stays whole.</summary>
    public async Task AddFileAsync(string name, string path, CompressionLevel compression, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
        await AddAsync(name, target => source.CopyToAsync(target, cancellationToken), compression);
    }

    public async Task FinishAsync(BackupManifest manifest)
    {
        var entry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync();
        await stream.WriteAsync(manifest.ToJson());
    }
}
