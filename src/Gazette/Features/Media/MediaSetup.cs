using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Gazette.Features.Media;

internal static class MediaSetup
{
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaSettings>()
            .Bind(configuration.GetSection(MediaSettings.Section))
            .Validate(s => s.MaxUploadMegabytes is > 0 and <= 1024 && s.MaxFilesPerUpload > 0 && s.MaxMegapixels is > 0 and <= 500,
                $"{MediaSettings.Section}: MaxUploadMegabytes must be 1 to 1024, MaxFilesPerUpload at least 1, and MaxMegapixels 1 to 500.")
            .ValidateOnStart();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<ImageProcessor>();
        services.AddScoped<UploadMedia>();
        services.AddScoped<DeleteMedia>();
        services.AddScoped<DescribeMedia>();
        services.AddSingleton<IAuthorizationHandler, MediaPermissions>();
        return services;
    }

    /// <summary>Serves the library's files from the data folder; their names carry a hash of their content, so they are cached for a year.</summary>
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
