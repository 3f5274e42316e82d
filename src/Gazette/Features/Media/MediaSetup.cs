using Gazette.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Gazette.Features.Media;

internal static class MediaSetup
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddSingleton<MediaStore>();
        return services;
    }

    /// <summary>Serves uploads from the data folder; names carry a random part, so they can be cached for long.</summary>
    public static IApplicationBuilder UseMediaFiles(this IApplicationBuilder app, GazetteOptions options)
    {
        Directory.CreateDirectory(options.MediaPath);
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(options.MediaPath),
            RequestPath = "/media",
            OnPrepareResponse = context =>
                context.Context.Response.Headers[HeaderNames.CacheControl] = "public,max-age=31536000,immutable",
        });
    }
}
