using Gazette.Infrastructure;

namespace Gazette.Features.Metadata;

/// <summary>
/// schema.org objects for JSON-LD, as dictionaries so the <c>@</c> names are written as they are.
/// Addresses passed in are absolute. Google's article, breadcrumb and sitelinks search box
/// documentation lists the fields these fill.
/// </summary>
public static class StructuredData
{
    private const string Context = "https://schema.org";

    public sealed record ArticleFacts(
        string Url, string Headline, string? Description, DateTime PublishedAt, DateTime ModifiedAt,
        string AuthorName, string AuthorUrl, int CommentCount, int? WordCount, string? Section, IReadOnlyList<string> Keywords,
        ImageFacts? Image, string Language)
    {
        /// <summary>The author's photo, as an absolute address.</summary>
        public string? AuthorImage { get; init; }

        /// <summary>The author's profiles elsewhere (<c>sameAs</c>).</summary>
        public IReadOnlyList<string> AuthorProfiles { get; init; } = [];

        /// <summary>Who else wrote it: names and their archives' absolute addresses.</summary>
        public IReadOnlyList<(string Name, string Url)> CoAuthors { get; init; } = [];

        /// <summary>False for a password-protected article: its description, word count and image are left out too.</summary>
        public bool IsAccessibleForFree { get; init; } = true;
    }

    public sealed record ImageFacts(string Url, string? Caption, string? Credit, int? Width, int? Height);

    private static Dictionary<string, object?> Person(ArticleFacts article)
    {
        var person = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = article.AuthorName, ["url"] = article.AuthorUrl };
        if (article.AuthorImage is { } image)
        {
            person["image"] = image;
        }
        if (article.AuthorProfiles.Count > 0)
        {
            person["sameAs"] = article.AuthorProfiles;
        }
        return person;
    }

    public static Dictionary<string, object?> NewsArticle(ArticleFacts article, Dictionary<string, object?> publisher)
    {
        ArgumentNullException.ThrowIfNull(article);
        var data = new Dictionary<string, object?>
        {
            ["@context"] = Context,
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = new Dictionary<string, object?> { ["@type"] = "WebPage", ["@id"] = article.Url },
            ["url"] = article.Url,
            ["headline"] = article.Headline,
            ["description"] = article.Description,
            ["datePublished"] = SiteTime.Iso(article.PublishedAt),
            ["dateModified"] = SiteTime.Iso(article.ModifiedAt),
            ["author"] = new[] { Person(article) }.Concat(article.CoAuthors.Select(c =>
                new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = c.Name, ["url"] = c.Url })).ToArray(),
            ["publisher"] = publisher,
            ["commentCount"] = article.CommentCount,
            ["wordCount"] = article.WordCount,
            ["inLanguage"] = article.Language,
        };
        if (!article.IsAccessibleForFree)
        {
            // A password-protected article: schema.org's word for text readers cannot all read.
            data["isAccessibleForFree"] = false;
        }
        if (article.Description is null)
        {
            data.Remove("description");
        }
        if (article.WordCount is null)
        {
            data.Remove("wordCount");
        }
        if (article.Image is { } image)
        {
            var imageObject = new Dictionary<string, object?>
            {
                ["@type"] = "ImageObject",
                ["url"] = image.Url,
                ["contentUrl"] = image.Url,
                ["width"] = image.Width,
                ["height"] = image.Height,
                ["caption"] = image.Caption,
                ["creditText"] = image.Credit,
            };
            data["image"] = Without(imageObject);
        }
        if (article.Section is not null)
        {
            data["articleSection"] = article.Section;
        }
        if (article.Keywords.Count > 0)
        {
            data["keywords"] = article.Keywords;
        }
        return data;
    }

    /// <summary>The site as publisher, with its logo.</summary>
    public static Dictionary<string, object?> Organization(string name, string siteUrl, string logoUrl) => new()
    {
        ["@type"] = "Organization",
        ["name"] = name,
        ["url"] = siteUrl,
        ["logo"] = new Dictionary<string, object?>
        {
            ["@type"] = "ImageObject", ["url"] = logoUrl, ["width"] = SiteLogo.Width, ["height"] = SiteLogo.Height,
        },
    };

    /// <summary>Home › … › this page; the last item is the page itself.</summary>
    public static Dictionary<string, object?> Breadcrumbs(IEnumerable<(string Name, string Url)> trail) => new()
    {
        ["@context"] = Context,
        ["@type"] = "BreadcrumbList",
        ["itemListElement"] = trail.Select((step, i) => new Dictionary<string, object?>
        {
            ["@type"] = "ListItem", ["position"] = i + 1, ["name"] = step.Name, ["item"] = step.Url,
        }).ToList(),
    };

    /// <summary>The site itself, with the search that lets a search engine offer a box for it.</summary>
    public static Dictionary<string, object?> WebSite(string name, string description, string siteUrl, string language) => new()
    {
        ["@context"] = Context,
        ["@type"] = "WebSite",
        ["name"] = name,
        ["description"] = description,
        ["url"] = siteUrl + "/",
        ["inLanguage"] = language,
        ["potentialAction"] = new Dictionary<string, object?>
        {
            ["@type"] = "SearchAction",
            ["target"] = new Dictionary<string, object?> { ["@type"] = "EntryPoint", ["urlTemplate"] = siteUrl + "/search?q={search_term_string}" },
            ["query-input"] = "required name=search_term_string",
        },
    };

    private static Dictionary<string, object?> Without(Dictionary<string, object?> data) =>
        data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
}

/// <summary>The site's logo, drawn for Gazette: publishers' JSON-LD and link previews point at it.</summary>
public static class SiteLogo
{
    public const string Path = "/logo.png";
    public const int Width = 512;
    public const int Height = 512;
}
