using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gazette.Features.Metadata;

/// <summary>The picture a link preview shows, with the words that go with it.</summary>
public sealed record MetaImage(string Url, string? Alt, int? Width, int? Height);

/// <summary>
/// What machines read about a page: search engines (canonical address, description, JSON-LD),
/// link previews (OpenGraph and Twitter cards). A page fills one in <c>ViewData["Meta"]</c>;
/// the layout writes the tags, with the site's defaults for whatever is left empty.
/// </summary>
public sealed class PageMetadata
{
    /// <summary>Written into JSON-LD as-is, apart from the escaping that keeps it inside its script element.</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        // The default encoder escapes <, > and & too, so no text can close the script element early.
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>"article" for news and pages readers share; "website" for the rest.</summary>
    public string Type { get; init; } = "website";

    /// <summary>The page's own address, site-relative (<c>/2026/03/slug</c>); the layout makes it absolute.</summary>
    public string? CanonicalPath { get; init; }

    public MetaImage? Image { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? ModifiedAt { get; init; }
    public string? AuthorUrl { get; init; }
    public string? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>JSON-LD objects (schema.org), each written in a script element of its own.</summary>
    public IReadOnlyList<object> StructuredData { get; init; } = [];

    public static string ToJson(object data) => JsonSerializer.Serialize(data, Json);

    /// <summary>
    /// A page's address without its query, except the page number of a list past its first page:
    /// every page of a list is its own document, and tracking or sorting parameters are not.
    /// </summary>
    public static string DefaultCanonicalPath(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.PathBase.Add(request.Path).Value is { Length: > 0 } p ? p : "/";
        return int.TryParse(request.Query["page"], System.Globalization.CultureInfo.InvariantCulture, out var page) && page > 1
            ? $"{path}?page={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : path;
    }
}
