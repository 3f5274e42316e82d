namespace Gazette.Features.Search;

internal static class SearchSetup
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<SearchArticles>();
        return services;
    }
}
