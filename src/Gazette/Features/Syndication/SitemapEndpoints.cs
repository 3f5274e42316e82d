using System.Text;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Syndication;

/// <summary><c>/sitemap.xml</c> (an index), its files, the Google News sitemap and <c>/robots.txt</c>.</summary>
internal static class SitemapEndpoints
{
    private const string XmlType = "application/xml; charset=utf-8";

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app)
    {
        Map(app, SyndicationLinks.Sitemap, async (Sitemaps sitemaps, SiteAddress address, CancellationToken cancellationToken) =>
        {
            var files = await sitemaps.IndexAsync(cancellationToken);
            var news = await sitemaps.NewsAsync(cancellationToken);
            var entries = files.Select(f => (SyndicationLinks.SitemapFile(f.Kind, f.Page), f.LastModified)).ToList();
            if (news.Count > 0)
            {
                entries.Add((SyndicationLinks.NewsSitemap, news.Max(n => n.PublishedAt)));
            }
            return ConditionalGet.Respond(SitemapWriter.Index(address.Uri, entries), XmlType, entries.Max(e => e.LastModified));
        });
        foreach (var kind in Enum.GetValues<SitemapKind>())
        {
            Map(app, $"/sitemap-{SyndicationLinks.SitemapName(kind)}-{{page:int}}.xml",
                async (int page, Sitemaps sitemaps, SiteAddress address, CancellationToken cancellationToken) =>
                    await sitemaps.FileAsync(kind, page, cancellationToken) is { } urls
                        ? ConditionalGet.Respond(SitemapWriter.UrlSet(address.Uri, urls), XmlType, urls.Max(u => u.LastModified))
                        : Results.NotFound());
        }
        Map(app, SyndicationLinks.NewsSitemap, async (
            Sitemaps sitemaps, SiteAddress address, SiteTime time, IOptionsMonitor<GazetteOptions> options, CancellationToken cancellationToken) =>
        {
            var news = await sitemaps.NewsAsync(cancellationToken);
            var body = SitemapWriter.News(address.Uri, options.CurrentValue.Site.Title, SitemapWriter.NewsLanguage(time.Culture), news);
            // Posts age out of it without any change to date: no Last-Modified, the ETag decides.
            return ConditionalGet.Respond(body, XmlType, null);
        });
        Map(app, SyndicationLinks.Robots, (SiteAddress address) =>
        {
            var root = address.Uri;
            var robots = new StringBuilder()
                .Append("User-agent: *\n")
                .Append("Disallow: /admin/\n")
                .Append("Disallow: /admin$\n")
                .Append('\n')
                .Append("Sitemap: ").Append(new Uri(root, SyndicationLinks.Sitemap).AbsoluteUri).Append('\n')
                .Append("Sitemap: ").Append(new Uri(root, SyndicationLinks.NewsSitemap).AbsoluteUri).Append('\n');
            return Results.Text(robots.ToString(), "text/plain; charset=utf-8");
        });
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler).AsPublicPage(CacheTags.Sitemaps);
}
