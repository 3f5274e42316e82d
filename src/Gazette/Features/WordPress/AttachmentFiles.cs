using System.Net;
using System.Net.Sockets;
using Gazette.Features.Media;
using Microsoft.Extensions.Options;

namespace Gazette.Features.WordPress;

/// <summary>An attachment's file, read whole, or why it could not be had.</summary>
public sealed record AttachmentFile(byte[]? Content, string FileName, string? WhyNot);

/// <summary>Where an import finds the files of WordPress's attachments.</summary>
public abstract class AttachmentFiles
{
    public abstract Task<AttachmentFile> ReadAsync(WxrItem item, CancellationToken cancellationToken);

    /// <summary>
    /// The files an import was given: WordPress's uploads folder, or a zip of it (unpacked into
    /// <paramref name="scratch"/>, which the caller deletes), and then, if asked, the old site; null for none.
    /// </summary>
    public static async Task<AttachmentFiles?> ChooseAsync(
        IServiceProvider services, string? uploads, bool download, string scratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        AttachmentFiles? files = null;
        if (uploads is not null)
        {
            var maxBytes = services.GetRequiredService<IOptionsMonitor<MediaSettings>>().CurrentValue.MaxUploadBytes;
            var limits = services.GetRequiredService<IOptionsMonitor<WordPressSettings>>().CurrentValue;
            files = new UploadsFolder(Directory.Exists(uploads) ? uploads : await UploadsArchive.UnpackAsync(uploads, scratch, maxBytes, limits, cancellationToken));
        }
        if (download)
        {
            var downloads = services.GetRequiredService<OldSiteDownloads>();
            files = files is null ? downloads : new FallbackFiles(files, downloads);
        }
        return files;
    }

    /// <summary>The attachment's path under <c>wp-content/uploads</c>: <c>_wp_attached_file</c>, or read from its URL.</summary>
    protected static string? RelativePath(WxrItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var relative = item.Meta.GetValueOrDefault("_wp_attached_file")?.Trim();
        if (string.IsNullOrEmpty(relative) && item.AttachmentUrl is { } url)
        {
            var marker = url.IndexOf("/uploads/", StringComparison.OrdinalIgnoreCase);
            relative = marker >= 0 ? Uri.UnescapeDataString(url[(marker + "/uploads/".Length)..]) : null;
        }
        return string.IsNullOrEmpty(relative) ? null : relative;
    }
}

/// <summary>Tries one source, then the other: an uploads folder that lacks some files, then the old site.</summary>
public sealed class FallbackFiles(AttachmentFiles first, AttachmentFiles then) : AttachmentFiles
{
    public override async Task<AttachmentFile> ReadAsync(WxrItem item, CancellationToken cancellationToken)
    {
        var found = await first.ReadAsync(item, cancellationToken);
        return found.Content is not null ? found : await then.ReadAsync(item, cancellationToken);
    }
}

/// <summary>WordPress's <c>wp-content/uploads</c> folder, copied to this machine (or unpacked from a zip).</summary>
public sealed class UploadsFolder(string root) : AttachmentFiles
{
    private readonly string _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

    public override async Task<AttachmentFile> ReadAsync(WxrItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var relative = RelativePath(item);
        var full = relative is null ? null : Path.GetFullPath(Path.Combine(_root, relative));
        // Never outside the folder, whatever the export says.
        if (full is null || !full.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return new AttachmentFile(null, "", "its file is not in the uploads folder");
        }
        return new AttachmentFile(await File.ReadAllBytesAsync(full, cancellationToken), Path.GetFileName(full), null);
    }
}

/// <summary>
/// Downloads each attachment from the old site, as WordPress's importer offers to. Only public
/// addresses are reached (<see cref="ConnectPubliclyAsync"/>), and no file larger than the media
/// library takes is read.
/// </summary>
public sealed class OldSiteDownloads(IHttpClientFactory clients, IOptionsMonitor<MediaSettings> media) : AttachmentFiles
{
    public const string ClientName = "WordPressAttachments";

    /// <summary>Lets downloads reach private addresses: for tests, or an old site on the same network.</summary>
    public const string AllowPrivateAddressesSetting = "Gazette:WordPress:DownloadFromPrivateAddresses";

    public override async Task<AttachmentFile> ReadAsync(WxrItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Uri.TryCreate(item.AttachmentUrl ?? item.GuidText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new AttachmentFile(null, "", "it has no web address to download its file from");
        }
        var name = Path.GetFileName(Uri.UnescapeDataString(url.AbsolutePath));
        var maxBytes = media.CurrentValue.MaxUploadBytes;
        var http = clients.CreateClient(ClientName);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new AttachmentFile(null, name, $"the old site answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new AttachmentFile(null, name, "its file is larger than the media library takes");
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > maxBytes)
                {
                    return new AttachmentFile(null, name, "its file is larger than the media library takes");
                }
                copy.Write(buffer, 0, read);
            }
            return new AttachmentFile(copy.ToArray(), name, null);
        }
        catch (HttpRequestException e)
        {
            return new AttachmentFile(null, name, $"downloading it failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttachmentFile(null, name, "downloading it took too long");
        }
    }

    /// <summary>
    /// Opens the connection only to a public address: the export names the addresses, so it must not
    /// make this server reach its own private network. Checked on the resolved address, at connect
    /// time, so a name that later resolves elsewhere changes nothing.
    /// </summary>
    public static async ValueTask<Stream> ConnectPubliclyAsync(
        SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var usable = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
        if (usable.Count == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} is not a public address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>False for loopback, private, link-local, carrier-grade NAT, multicast and unspecified addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127));
    }
}
