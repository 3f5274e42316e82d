using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Features.Articles;

internal static class ArticlesSetup
{
    public static IServiceCollection AddArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FrontPageOptions>(configuration.GetSection(FrontPageOptions.Section));
        services.AddScoped<FrontPages>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<ArticleContent>();
        // Every context gets the interceptors registered here (see DatabaseSetup).
        services.AddSingleton<IInterceptor, ArticleContentOnSave>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SaveArticle>();
        services.AddScoped<ArticleLists>();
        services.AddSingleton<ListFacts>();
        services.AddScoped<ArticleNavigator>();
        services.AddScoped<Autosaves>();
        services.AddSingleton<PublishScheduledArticles>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishScheduledArticles>());
        services.AddScoped<ArticleHistory>();
        services.AddScoped<RestoreRevision>();
        services.AddSingleton<ArticlePasswords>();
        services.AddSingleton<PasswordGuesses>();
        return services;
    }
}
