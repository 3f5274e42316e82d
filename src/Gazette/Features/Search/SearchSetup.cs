using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Features.Search;

internal static class SearchSetup
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<SearchArticles>();
        // Every context gets the interceptors registered here (see DatabaseSetup).
        services.AddSingleton<IInterceptor, ArticleBodyText>();
        return services;
    }
}
