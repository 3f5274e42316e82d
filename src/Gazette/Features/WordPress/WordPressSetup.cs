namespace Gazette.Features.WordPress;

internal static class WordPressSetup
{
    public static IServiceCollection AddWordPress(this IServiceCollection services)
    {
        services.AddScoped<ImportWordPress>();
        services.AddScoped<ExportWordPress>();
        services.AddSingleton<WordPressImportJobs>();
        services.AddScoped<ExportWordPressDownload>();
        return services;
    }
}
