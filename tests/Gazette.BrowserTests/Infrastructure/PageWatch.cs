using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>
/// Listens to a page for what a reader never sees but should never happen: console errors
/// (a Content-Security-Policy refusal shows up there), script errors, failed images, styles or
/// scripts, and requests to any other site than the app's own.
/// </summary>
public sealed class PageWatch
{
    private readonly ConcurrentQueue<string> _problems = new();

    private PageWatch()
    {
    }

    public IReadOnlyCollection<string> Problems => _problems;

    public static PageWatch Start(IPage page, Uri app)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(app);
        var watch = new PageWatch();
        page.Console += (_, message) =>
        {
            // Chromium logs every 4xx/5xx as "Failed to load resource"; responses are judged below,
            // where a 400 page for a form with errors is the design, not a fault.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                watch._problems.Enqueue($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => watch._problems.Enqueue($"script error on {page.Url}: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                watch._problems.Enqueue($"{response.Status} for {response.Request.ResourceType} {response.Url} on {page.Url}");
            }
        };
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
                && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                && Uri.Compare(url, app, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                watch._problems.Enqueue($"request to another site from {page.Url}: {request.Method} {request.Url}");
            }
        };
        return watch;
    }
}
