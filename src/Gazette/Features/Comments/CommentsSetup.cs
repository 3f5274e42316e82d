using Gazette.Infrastructure;
using Gazette.Features.Spam;

namespace Gazette.Features.Comments;

internal static class CommentsSetup
{
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CommentSettings>(configuration.GetSection(CommentSettings.Section));
        services.AddSingleton<CommentRateLimits>();
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
        services.AddSingleton<ConversationOutlines>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, CommentHtml>();
        services.AddScoped<PostComment>();
        services.AddScoped<EditComment>();
        services.AddScoped<ModerateComment>();
        return services;
    }

    /// <summary>A fresh comment form token for <c>conversation.js</c> (see <see cref="CommentFormToken.Path"/>).</summary>
    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder app)
    {
        app.MapGet(CommentFormToken.Route,
            (int articleId, CommentFormToken tokens, HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(tokens.Issue(articleId), "text/plain; charset=utf-8");
            });
        return app;
    }
}
