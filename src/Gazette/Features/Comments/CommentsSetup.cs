using Gazette.Infrastructure;
using Gazette.Features.Spam;

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
        services.AddSingleton<CommentFormToken>();
        services.AddSingleton<SpamScorer>();
        services.AddHostedService(sp => sp.GetRequiredService<SpamScorer>());
        services.AddSingleton<PurgeOldAddresses>();
        services.AddHostedService(sp => sp.GetRequiredService<PurgeOldAddresses>());
        services.AddScoped<NotifyModerators>();
        services.AddScoped<ReplyNotifications>();
        services.AddScoped<PersonalData>();
        services.AddScoped<ScreenComment>();
        services.AddScoped<ConversationPages>();
        services.AddScoped<PostComment>();
        services.AddScoped<EditComment>();
        services.AddScoped<ModerateComment>();
        return services;
    }
}
