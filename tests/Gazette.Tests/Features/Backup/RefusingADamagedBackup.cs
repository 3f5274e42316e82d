using System.IO.Compression;
using System.Security.Cryptography;
using Gazette.Features.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Backup;

/// <summary>
/// A damaged archive (cut short, one byte of a media file changed, an entry naming a path outside the
/// data folder) is refused with a message that says so, and the empty site is left as it was: the good
/// archive then restores into it. A site that is not empty is never overwritten.
/// </summary>
public sealed class RefusingADamagedBackup(SqliteApp source) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-archives-").FullName;

    [Fact]
    public async Task ATruncatedAlteredOrEscapingArchiveIsRefusedAndChangesNothing()
    {
        var good = await BackupAsync();
        var truncated = Copy(good, "truncated.zip");
        var bytes = await File.ReadAllBytesAsync(good);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var altered = Copy(good, "altered.zip");
        await RewriteAsync(altered, "media/2026/12/harbour.jpg", content => content[1000] ^= 0x01);
        var escaping = Copy(good, "escaping.zip");
        await AddListedEntryAsync(escaping, "media/../../escaped.txt", "outside"u8.ToArray());

        var data = Directory.CreateTempSubdirectory("gazette-restore-").FullName;
        var environment = new Dictionary<string, string> { ["Gazette__DataDirectory"] = data };
        await AssertRefusedAsync(environment, truncated, "The archive is damaged or incomplete");
        await AssertRefusedAsync(environment, altered, "\"media/2026/12/harbour.jpg\" in the archive is not what was backed up");
        await AssertRefusedAsync(environment, escaping, "names \"media/../../escaped.txt\", which no Gazette backup holds");
        Assert.False(File.Exists(Path.Combine(data, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(data)!, "escaped.txt")));

        var restore = await GazetteVerb.RunAsync(environment, "restore", good);
        Assert.True(restore.ExitCode == 0, $"exit {restore.ExitCode}\n{restore.Output}\n{restore.Errors}");
        using var restored = new SqliteApp(data);
        Assert.True(await restored.WithDbAsync(db => db.Articles.AnyAsync()));
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(source.DataDirectory, "media", "2026", "12", "harbour.jpg")),
            await File.ReadAllBytesAsync(Path.Combine(data, "media", "2026", "12", "harbour.jpg")));
    }

    [Fact]
    public async Task ASiteThatIsNotEmptyIsNeverOverwritten()
    {
        var good = await BackupAsync();
        var title = (await source.CreateArticleAsync()).Title;
        await using var scope = source.Services.CreateAsyncScope();

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => scope.ServiceProvider.GetRequiredService<RestoreBackup>().ExecuteAsync(good, CancellationToken.None));

        Assert.Contains("This site is not empty", refused.Message, StringComparison.Ordinal);
        Assert.True(await source.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task AnArchiveWithoutAManifestIsNotAGazetteBackup()
    {
        var path = Path.Combine(_folder, "photos.zip");
        await using (var zip = await ZipArchive.CreateAsync(File.Create(path), ZipArchiveMode.Create, leaveOpen: false, entryNameEncoding: null))
        {
            zip.CreateEntry("media/cat.jpg");
        }

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => BackupArchiveReader.VerifyAsync(path, CancellationToken.None));

        Assert.Contains("has no manifest.json", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schema", "a newer version of Gazette than this one: upgrade Gazette first")]
    [InlineData("format", "The archive is in backup format 2")]
    [InlineData("provider", "The archive is a backup of a PostgreSql site and this site runs on Sqlite")]
    public async Task AnArchiveFromAnotherSchemaFormatOrDatabaseIsRefused(string difference, string message)
    {
        var archive = Copy(await BackupAsync(), difference + ".zip");
        await RewriteManifestAsync(archive, manifest => difference switch
        {
            "schema" => manifest with { Migration = "29991231000000_Future" },
            "format" => manifest with { Format = 2 },
            _ => manifest with { Provider = "PostgreSql" },
        });
        await using var scope = source.Services.CreateAsyncScope();

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => scope.ServiceProvider.GetRequiredService<RestoreBackup>().ExecuteAsync(archive, CancellationToken.None));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", refused.Message, StringComparison.Ordinal);
    }

    private static async Task AssertRefusedAsync(Dictionary<string, string> environment, string archive, string message)
    {
        var result = await GazetteVerb.RunAsync(environment, "restore", archive);
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}\n{result.Output}\n{result.Errors}");
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", result.Errors, StringComparison.Ordinal);
        var media = Path.Combine(environment["Gazette__DataDirectory"], "media");
        Assert.False(Directory.Exists(media) && Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Any());
        Assert.Empty(Directory.GetDirectories(environment["Gazette__DataDirectory"], ".restore-*"));
    }

    private async Task<string> BackupAsync()
    {
        await source.CreateBrowser().GetAsync(new Uri("/", UriKind.Relative));
        return await Backups.MakeWithAPictureAsync(source, _folder);
    }

    private string Copy(string archive, string name)
    {
        var path = Path.Combine(_folder, name);
        File.Copy(archive, path, overwrite: true);
        return path;
    }

    /// <summary>Changes an entry's bytes and writes it back into a well-formed zip, leaving the manifest as it was.</summary>
    private static async Task RewriteAsync(string archive, string name, Action<byte[]> change)
    {
        await using var zip = await ZipArchive.CreateAsync(File.Open(archive, FileMode.Open), ZipArchiveMode.Update, leaveOpen: false, entryNameEncoding: null);
        var entry = zip.GetEntry(name)!;
        byte[] content;
        await using (var stream = await entry.OpenAsync())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy);
            content = copy.ToArray();
        }
        change(content);
        entry.Delete();
        await using var rewritten = await zip.CreateEntry(name).OpenAsync();
        await rewritten.WriteAsync(content);
    }

    /// <summary>Adds an entry and lists it in the manifest with its true checksum, as a crafted archive would.</summary>
    private static async Task AddListedEntryAsync(string archive, string name, byte[] content)
    {
        await RewriteManifestAsync(archive, manifest =>
            manifest with { Entries = [.. manifest.Entries, new BackupEntry(name, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length)] });
        await using var zip = await ZipArchive.CreateAsync(File.Open(archive, FileMode.Open), ZipArchiveMode.Update, leaveOpen: false, entryNameEncoding: null);
        await using var added = await zip.CreateEntry(name).OpenAsync();
        await added.WriteAsync(content);
    }

    private static async Task RewriteManifestAsync(string archive, Func<BackupManifest, BackupManifest> change)
    {
        await using var zip = await ZipArchive.CreateAsync(File.Open(archive, FileMode.Open), ZipArchiveMode.Update, leaveOpen: false, entryNameEncoding: null);
        var entry = zip.GetEntry(BackupManifest.EntryName)!;
        BackupManifest manifest;
        await using (var stream = await entry.OpenAsync())
        {
            manifest = BackupManifest.Read(stream)!;
        }
        entry.Delete();
        await using var rewritten = await zip.CreateEntry(BackupManifest.EntryName).OpenAsync();
        await rewritten.WriteAsync(change(manifest).ToJson());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
