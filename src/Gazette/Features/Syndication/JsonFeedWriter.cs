using System.Text.Json;
using System.Text.Json.Serialization;
using Gazette.Infrastructure;

namespace Gazette.Features.Syndication;

/// <summary>
/// Writes JSON Feed 1.1 (https://jsonfeed.org/version/1.1), which says what each field is: titles,
/// summaries, <c>content_text</c>, names, tags and the <c>_gazette</c> extension are plain text,
/// written as they are; <c>content_html</c> is the only HTML (the sanitised article, or the
/// comment with every character encoded).
/// </summary>
public static class JsonFeedWriter
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    public static byte[] Write(FeedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var feed = new JsonFeed(
            Version, document.Title, document.HomeUrl, document.SelfUrl, document.Description, document.Language,
            document.Entries.Select(entry => new JsonFeedItem(
                entry.Id, entry.Url, entry.Title,
                ContentHtml: entry.ContentHtml,
                // One of the two is required: without the full text, the excerpt is the content.
                ContentText: entry.ContentHtml is null ? entry.Summary : null,
                Summary: entry.ContentHtml is null ? null : entry.Summary,
                Image: entry.Image?.Url,
                DatePublished: SiteTime.Iso(entry.Published),
                DateModified: SiteTime.Iso(entry.Updated),
                Authors: [.. entry.Authors.Select(a => new JsonFeedAuthor(a.Name, a.Url))],
                Tags: entry.Categories.Count == 0 ? null : entry.Categories,
                Attachments: entry.Enclosure is { } file ? [new JsonFeedAttachment(file.Url, file.MediaType, file.Length > 0 ? file.Length : null)] : null,
                Extension: entry.Image is { } image ? new GazetteExtension(image.Alt, image.Caption, image.Credit) : null)).ToList());
        return JsonSerializer.SerializeToUtf8Bytes(feed, JsonFeedContext.Default.JsonFeed);
    }
}

internal sealed record JsonFeed(
    string Version, string Title, string HomePageUrl, string FeedUrl, string Description, string Language, IReadOnlyList<JsonFeedItem> Items);

internal sealed record JsonFeedItem(
    string Id, string Url, string Title, string? ContentHtml, string? ContentText, string? Summary, string? Image,
    string DatePublished, string DateModified, IReadOnlyList<JsonFeedAuthor> Authors, IReadOnlyList<string>? Tags,
    IReadOnlyList<JsonFeedAttachment>? Attachments,
    [property: JsonPropertyName("_gazette")] GazetteExtension? Extension);

internal sealed record JsonFeedAttachment(string Url, string MimeType, long? SizeInBytes);

internal sealed record JsonFeedAuthor(string Name, string? Url);

/// <summary>
/// What JSON Feed has no field for (custom keys start with an underscore): the featured image's
/// alt text, caption and credit.
/// </summary>
internal sealed record GazetteExtension(string? ImageAlt, string? ImageCaption, string? ImageCredit);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonFeed))]
internal sealed partial class JsonFeedContext : JsonSerializerContext;
