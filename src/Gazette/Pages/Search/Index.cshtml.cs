using Gazette.Features.Search;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Search;

/// <summary>
/// <c>/search?q=…&amp;page=…</c>: the search form, and under it the results for whatever was asked.
/// Any input is a valid search (see <see cref="SearchQuery"/>), so this page answers 200 to all of it.
/// </summary>
/// Results are cached like any public page (per query and page) until any published article changes.
[PublicPage(VaryByQuery = ["q", "page"])]
public sealed class IndexModel(SearchArticles search, IOptionsMonitor<GazetteOptions> options) : PageModel
{
    /// <summary>Null until the reader has asked for something.</summary>
    public SearchResults? Results { get; private set; }

    /// <summary>What the search box shows: the query as searched.</summary>
    public string Query { get; private set; } = "";

    public async Task OnGetAsync([FromQuery] string? q, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        // Which articles match, and how they rank, moves with any change to any of them.
        PageCache.Tag(HttpContext, CacheTags.Feeds);
        var query = SearchQuery.Parse(q);
        Query = query.Text;
        if (Query.Length > 0)
        {
            Results = await search.ExecuteAsync(query, page, options.CurrentValue.Site.PostsPerPage, cancellationToken);
        }
    }

    public string PageUrl(int page) => $"/search?q={Uri.EscapeDataString(Query)}" + (page > 1 ? $"&page={page}" : "");
}
