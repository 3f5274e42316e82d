using Microsoft.Net.Http.Headers;

namespace Gazette.Infrastructure;

internal static class SiteAssets
{
    /// <summary>
    /// Serves wwwroot with the classic static-file middleware, which behaves the same under
    /// <c>dotnet run</c>, a published build and the test host. Pages link assets with
    /// <c>asp-append-version</c>, so a versioned URL can be cached for a year. The site's own
    /// files are a branch of their own, ahead of routing: the output cache keeps each compressed
    /// once per encoding (<see cref="SiteAssetFiles"/>), then sends it from memory.
    /// </summary>
    public static IApplicationBuilder UseSiteAssets(this IApplicationBuilder app)
    {
        var files = new StaticFileOptions
        {
            OnPrepareResponse = context =>
                context.Context.Response.Headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v")
                    ? "public,max-age=31536000,immutable"
                    : "public,max-age=3600",
        };
        app.MapWhen(context => SiteAssetFiles.IsAsset(context.Request.Path), assets =>
        {
            assets.UseOutputCache();
            assets.UseResponseCompression();
            assets.UseStaticFiles(files);
        });
        // The rest of wwwroot (the demo's pictures): already compressed formats, served as they are.
        return app.UseStaticFiles(files);
    }
}
