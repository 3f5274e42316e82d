namespace Gazette.Features.Comments;

internal static class CommentsSetup
{
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CommentSettings>(configuration.GetSection(CommentSettings.Section));
        services.AddScoped<PostComment>();
        services.AddScoped<ModerateComment>();
        return services;
    }
}
