namespace Gazette.Features.Comments;

internal static class CommentsSetup
{
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CommentSettings>(configuration.GetSection(CommentSettings.Section));
        services.AddSingleton<CommentRateLimits>();
        services.AddSingleton<CommenterCookie>();
        services.AddSingleton<Avatars>();
        services.AddSingleton<CommentOwnership>();
        services.AddSingleton<PurgeOldAddresses>();
        services.AddHostedService(sp => sp.GetRequiredService<PurgeOldAddresses>());
        services.AddScoped<PostComment>();
        services.AddScoped<ModerateComment>();
        return services;
    }
}
