namespace Gazette.Features.Syndication;

internal static class SyndicationSetup
{
    public static IServiceCollection AddSyndication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SitemapSettings>(configuration.GetSection(SitemapSettings.Section));
        services.AddScoped<ArticleFeeds>();
        services.AddScoped<CommentFeeds>();
        services.AddScoped<Sitemaps>();
        return services;
    }

    /// <summary>Feeds, sitemaps and robots.txt: what feed readers and search engines read.</summary>
    public static IEndpointRouteBuilder MapSyndication(this IEndpointRouteBuilder app) =>
        app.MapFeeds().MapSitemaps();
}
