using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Xml;
using Gazette.Features.Syndication;

namespace Gazette.Tests.Features.Syndication;

/// <summary>
/// Reads a feed the way a feed reader does: RSS and Atom with System.ServiceModel.Syndication's
/// own parsers, JSON Feed by deserialising it and checking the JSON Feed 1.1 field rules.
/// </summary>
public static partial class FeedReader
{
    public static async Task<string> GetFeedAsync(this HttpClient client, string url, FeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal(SyndicationLinks.MediaType(format), response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>An RSS 2.0 or Atom 1.0 document, which must be the format asked for.</summary>
    public static SyndicationFeed ParseXml(string xml, FeedFormat format)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        SyndicationFeedFormatter formatter = format == FeedFormat.Atom ? new Atom10FeedFormatter() : new Rss20FeedFormatter();
        Assert.True(formatter.CanRead(reader), $"not {format}: {xml[..Math.Min(200, xml.Length)]}");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    /// <summary>A JSON Feed, deserialised, after checking every rule of version 1.1 it must follow.</summary>
    public static JsonFeedModel ParseJson(string json)
    {
        var feed = JsonSerializer.Deserialize<JsonFeedModel>(json, Options) ?? throw new InvalidOperationException("null feed");
        var problems = Check(feed).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return feed;
    }

    /// <summary>
    /// The JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1): the version URL; a title;
    /// absolute URLs; items with a unique string id and content_html or content_text; dates in
    /// RFC 3339; authors as an array of objects naming someone; custom keys starting with "_".
    /// </summary>
    public static IEnumerable<string> Check(JsonFeedModel feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (feed.Version != "https://jsonfeed.org/version/1.1")
        {
            yield return $"version is {feed.Version}";
        }
        if (string.IsNullOrWhiteSpace(feed.Title))
        {
            yield return "no title";
        }
        foreach (var (name, url) in new[] { ("home_page_url", feed.HomePageUrl), ("feed_url", feed.FeedUrl) })
        {
            if (url is not null && !IsAbsolute(url))
            {
                yield return $"{name} {url} is not absolute";
            }
        }
        foreach (var key in feed.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            if (!key.StartsWith('_'))
            {
                yield return $"top-level key {key} is neither JSON Feed's nor an extension";
            }
        }
        if (feed.Items is null)
        {
            yield return "no items array";
            yield break;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in feed.Items)
        {
            var at = $"item {item.Id}";
            if (string.IsNullOrEmpty(item.Id) || !ids.Add(item.Id))
            {
                yield return $"{at}: missing or repeated id";
            }
            if (item.ContentHtml is null && item.ContentText is null)
            {
                yield return $"{at}: neither content_html nor content_text";
            }
            foreach (var (name, url) in new[] { ("url", item.Url), ("image", item.Image) })
            {
                if (url is not null && !IsAbsolute(url))
                {
                    yield return $"{at}: {name} {url} is not absolute";
                }
            }
            foreach (var (name, date) in new[] { ("date_published", item.DatePublished), ("date_modified", item.DateModified) })
            {
                if (date is not null && !Rfc3339().IsMatch(date))
                {
                    yield return $"{at}: {name} {date} is not RFC 3339";
                }
            }
            if (item.Authors is { } authors && authors.Any(a => a.Name is null && a.Url is null && a.Avatar is null))
            {
                yield return $"{at}: an author with neither name, url nor avatar";
            }
            foreach (var key in item.Unknown?.Keys ?? Enumerable.Empty<string>())
            {
                if (!key.StartsWith('_'))
                {
                    yield return $"{at}: key {key} is neither JSON Feed's nor an extension";
                }
            }
        }
    }

    public static DateTime Date(string rfc3339) =>
        DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

    private static bool IsAbsolute(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Wrong types (a number for an id, a string for authors) fail the deserialisation itself.
        NumberHandling = JsonNumberHandling.Strict,
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}

public sealed record JsonFeedModel(
    string? Version, string? Title, string? HomePageUrl, string? FeedUrl, string? Description, string? Language,
    IReadOnlyList<JsonFeedItemModel>? Items)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

public sealed record JsonFeedItemModel(
    string Id, string? Url, string? Title, string? ContentHtml, string? ContentText, string? Summary, string? Image,
    string? DatePublished, string? DateModified, IReadOnlyList<JsonFeedAuthorModel>? Authors, IReadOnlyList<string>? Tags)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

public sealed record JsonFeedAuthorModel(string? Name, string? Url, string? Avatar);
