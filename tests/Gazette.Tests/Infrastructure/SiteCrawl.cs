using System.Text;
using AngleSharp.Html.Parser;

namespace Gazette.Tests.Infrastructure;

/// <summary>One response the crawl received: its status, every header as text, and its body.</summary>
public sealed record CrawledResponse(string Url, int Status, string Headers, string Body, bool Linked);

/// <summary>
/// Reads the site as an anonymous visitor would: breadth first from the start URLs, following
/// every same-origin link, stylesheet, image, script, GET form and redirect, never into
/// <c>/admin</c>, and stopping at a cap.
/// </summary>
public static class SiteCrawl
{
    private static readonly HtmlParser Parser = new();

    /// <param name="client">A client that does not follow redirects, so each hop is seen and checked.</param>
    /// <param name="starts">Where to begin; URLs also reached through a link are marked <see cref="CrawledResponse.Linked"/>.</param>
    /// <param name="cap">The most URLs to fetch.</param>
    public static async Task<IReadOnlyList<CrawledResponse>> RunAsync(HttpClient client, IEnumerable<string> starts, int cap)
    {
        ArgumentNullException.ThrowIfNull(client);
        var origin = client.BaseAddress ?? throw new ArgumentException("The client needs a base address.", nameof(client));
        var queue = new Queue<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in starts)
        {
            Enqueue(new Uri(origin, start), from: null);
        }

        var responses = new List<CrawledResponse>();
        while (queue.TryDequeue(out var url) && responses.Count < cap)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var headers = new StringBuilder();
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers.Append(name).Append(": ").AppendJoin(", ", values).Append('\n');
            }
            var body = await response.Content.ReadAsStringAsync();
            responses.Add(new CrawledResponse(url, (int)response.StatusCode, headers.ToString(), body, false));

            var here = new Uri(origin, url);
            if (response.Headers.Location is { } location)
            {
                Enqueue(new Uri(here, location), from: url);
            }
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                foreach (var target in LinksIn(body))
                {
                    if (Uri.TryCreate(here, target, out var absolute))
                    {
                        Enqueue(absolute, from: url);
                    }
                }
            }
        }
        return responses.Select(r => r with { Linked = linked.Contains(r.Url) }).ToList();

        // A link counts when it leads elsewhere: every page links to itself ("#main").
        void Enqueue(Uri uri, string? from)
        {
            if (Uri.Compare(uri, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
                || uri.AbsolutePath.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            var key = uri.PathAndQuery;
            if (from is not null && from != key)
            {
                linked.Add(key);
            }
            if (seen.Add(key))
            {
                queue.Enqueue(key);
            }
        }
    }

    private static IEnumerable<string> LinksIn(string html)
    {
        var document = Parser.ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("a[href], area[href], link[href]"))
        {
            yield return element.GetAttribute("href")!;
        }
        foreach (var element in document.QuerySelectorAll("img[src], script[src], source[src], iframe[src], embed[src]"))
        {
            yield return element.GetAttribute("src")!;
        }
        foreach (var form in document.QuerySelectorAll("form"))
        {
            if (form.GetAttribute("method") is null or "" || string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
            {
                yield return form.GetAttribute("action") ?? "";
            }
        }
    }
}
