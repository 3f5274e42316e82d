using System.Globalization;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Features.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// The import's first pass over items: attachments, before any article, so that every article finds its
/// images (featured, in galleries, inline) wherever they stand in the file. With the files at hand
/// (<see cref="AttachmentFiles"/>) each goes into the media library like any upload; without them,
/// articles keep the image's WordPress address.
/// </summary>
internal sealed partial class WordPressAttachments(
    GazetteDbContext db, UploadMedia uploadMedia, AttachmentFiles? files, ImportRun run, WordPressAuthors authors, WordPressRedirects redirects)
{
    /// <summary>WordPress attachment id → the image as articles use it.</summary>
    private readonly Dictionary<string, WordPressImage> _images = new(StringComparer.Ordinal);

    /// <summary>WordPress post id → the images attached to it, with their menu order, in file order.</summary>
    private readonly Dictionary<string, List<(int Order, WordPressImage Image)>> _attached = new(StringComparer.Ordinal);

    /// <summary>An upload's address as <see cref="UploadUrls.Key"/> makes it → its copy in the media library.</summary>
    private readonly Dictionary<string, string> _stored = new(StringComparer.Ordinal);

    public async Task ImportAsync(WxrItem item, CancellationToken cancellationToken)
    {
        await ImportOneAsync(item, cancellationToken);
        if (item.Parent is { Length: > 0 } parent && parent != "0" && _images.TryGetValue(item.Id, out var image))
        {
            // For the parent's galleries that name no images: WordPress shows those attached to the post.
            _attached.TryAdd(parent, []);
            _attached[parent].Add((item.MenuOrder, image));
        }
    }

    /// <summary>An image of this import, by its WordPress id.</summary>
    public WordPressImage? Image(string id) => _images.GetValueOrDefault(id);

    /// <summary>The images attached to a post, in their menu order: what its galleries show when they name none.</summary>
    public IReadOnlyList<WordPressImage> AttachedTo(string postId) =>
        _attached.TryGetValue(postId, out var attached) ? [.. attached.OrderBy(a => a.Order).Select(a => a.Image)] : [];

    /// <summary>The item's content with the addresses of stored uploads made those of their copies here.</summary>
    public string Rewrite(string content) => UploadUrls.Rewrite(content, _stored);

    /// <summary>An attachment by its WordPress id: from this import, or stored by an earlier one.</summary>
    public async Task<WordPressImage?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_images.TryGetValue(id, out var image))
        {
            return image;
        }
        var local = await db.ImportedItems.Where(i => i.Source == run.Source && i.Kind == "item" && i.ExternalId == id)
            .Select(i => i.LocalId).FirstOrDefaultAsync(cancellationToken);
        if (!int.TryParse(local, CultureInfo.InvariantCulture, out var mediaId))
        {
            return null;
        }
        return await db.MediaItems.Where(m => m.Id == mediaId)
            .Select(m => new WordPressImage(m.Path, m.AltText, m.Caption, m.Credit, m.Description)).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task ImportOneAsync(WxrItem item, CancellationToken cancellationToken)
    {
        var alt = item.Meta.GetValueOrDefault("_wp_attachment_image_alt") is { } a ? WxrReader.Blank(a) : null;
        var caption = WxrReader.Blank(WordPressContent.ToPlainText(item.Excerpt));
        var credit = CreditOf(item.Meta);
        // WordPress's "description" of an attachment is its content.
        var description = WxrReader.Blank(WordPressContent.ToPlainText(item.Content));
        var url = item.AttachmentUrl ?? item.GuidText ?? "";
        if (run.WasImported("item", item.Id, out var known))
        {
            string? stored = null;
            if (int.TryParse(known, CultureInfo.InvariantCulture, out var mediaId)
                && await db.MediaItems.Where(m => m.Id == mediaId).Select(m => m.Path).FirstOrDefaultAsync(cancellationToken) is { } path)
            {
                Remember(url, path);
                url = stored = path;
            }
            _images[item.Id] = new WordPressImage(url, alt, caption, credit, description);
            run.Report.Skipped("attachments", ImportText.Describe(item), "already imported");
            // Its old page is redirected once every article is in: a run stopped before then did not get to it.
            redirects.ForAttachment(item, stored);
            return;
        }
        // Without its file, articles use the image at its WordPress address.
        void KeepOriginal(string why)
        {
            _images[item.Id] = new WordPressImage(url, alt, caption, credit, description);
            run.Report.Skipped("attachments", $"{ImportText.Describe(item)} at {url}", why + ": articles keep its original address");
            redirects.ForAttachment(item, null);
        }
        if (files is null)
        {
            run.Map("item", item.Id, () => "");
            KeepOriginal("its file was not asked for (no uploads folder, no downloads)");
            return;
        }
        var file = await files.ReadAsync(item, cancellationToken);
        if (file.Content is null)
        {
            KeepOriginal(file.WhyNot!);
            return;
        }
        using var stream = new MemoryStream(file.Content, writable: false);
        var upload = new FormFile(stream, 0, stream.Length, "file", file.FileName) { Headers = new HeaderDictionary() };
        var author = await authors.ForItemAsync(item.Creator, cancellationToken);
        var result = await uploadMedia.ExecuteAsync(upload, author, new MediaDescription(alt, caption, credit, description), cancellationToken);
        if (result.Item is not { } media)
        {
            KeepOriginal($"not stored ({result.Error})");
            return;
        }
        _images[item.Id] = new WordPressImage(media.Path, alt, caption, credit, description);
        Remember(url, media.Path);
        run.Map("item", item.Id, () => media.Id.ToString(CultureInfo.InvariantCulture));
        redirects.ForAttachment(item, media.Path);
        run.Report.Imported("attachments");
    }

    private void Remember(string original, string stored)
    {
        if (UploadUrls.Key(original) is { } key)
        {
            _stored[key] = stored;
        }
    }

    /// <summary>
    /// An image credit, where WordPress kept one: a credit plugin's field, or the IPTC credit WordPress
    /// read from the file into <c>_wp_attachment_metadata</c> (a PHP-serialised array).
    /// </summary>
    private static string? CreditOf(Dictionary<string, string> meta)
    {
        foreach (var key in new[] { "_media_credit", "_wp_attachment_credit", "credit", "_credit" })
        {
            if (meta.TryGetValue(key, out var value) && WxrReader.Blank(value) is { } credit)
            {
                return credit;
            }
        }
        return meta.TryGetValue("_wp_attachment_metadata", out var serialised)
            && SerialisedCredit().Match(serialised) is { Success: true } match && WxrReader.Blank(match.Groups["credit"].Value) is { } found
            ? found : null;
    }

    [GeneratedRegex(@"s:6:""credit"";s:\d+:""(?<credit>[^""]*)""")]
    private static partial Regex SerialisedCredit();
}
