using Microsoft.Net.Http.Headers;

namespace Gazette.Infrastructure;

internal static class SiteAssets
{
    private static readonly string[] Folders = ["/css/", "/js/"];

    /// <summary>
    /// What the site's own files are to the page cache: a public page (<see cref="PublicPages"/>)
    /// whose variants differ by the <c>?v=</c> version alone.
    /// </summary>
    private static readonly Endpoint Files = new(null, new EndpointMetadataCollection(new PublicPageAttribute { VaryByQuery = ["v"] }), "Site files");

    /// <summary>The addresses of the site's own files, which change only with a new build.</summary>
    private static bool IsSiteFile(PathString path)
    {
        var value = path.Value ?? "";
        return Folders.Any(folder => value.StartsWith(folder, StringComparison.Ordinal)) || value is "/logo.svg" or "/logo.png";
    }

    /// <summary>
    /// Serves wwwroot with the classic static-file middleware, which behaves the same under
    /// <c>dotnet run</c>, a published build and the test host. Pages link assets with
    /// <c>asp-append-version</c>, so a versioned URL can be cached for a year. The site's own
    /// files are a branch of their own, ahead of routing, where they stand as a public page: the
    /// output cache keeps each compressed once per encoding, then sends it from memory.
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
        app.MapWhen(context => IsSiteFile(context.Request.Path), assets =>
        {
            // No request delegate: the static-file middleware still serves the file.
            assets.Use((context, next) =>
            {
                context.SetEndpoint(Files);
                return next(context);
            });
            assets.UseOutputCache();
            // Tags each body as sent, compressed or not: the static-file middleware's own tag (the file's
            // date and length) would name the Brotli, gzip and plain bodies alike, and a strong tag names one.
            assets.UseMiddleware<EntityTags>();
            assets.UseResponseCompression();
            assets.UseStaticFiles(files);
        });
        // The rest of wwwroot (the demo's pictures): already compressed formats, served as they are.
        return app.UseStaticFiles(files);
    }
}
