namespace Gazette.Features.Comments;

internal static class CommentsSetup
{
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddScoped<PostComment>();
        services.AddScoped<ModerateComment>();
        return services;
    }
}
