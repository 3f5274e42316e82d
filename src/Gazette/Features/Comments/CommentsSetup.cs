namespace Gazette.Features.Comments;

internal static class CommentsSetup
{
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CommentSettings>(configuration.GetSection(CommentSettings.Section));
        services.AddSingleton<CommentRateLimits>();
        services.AddScoped<PostComment>();
        services.AddScoped<ModerateComment>();
        return services;
    }
}
