using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Media;

/// <summary>Marks a page whose forms carry image uploads, so that <see cref="UploadLimits"/> sizes its requests.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceptsUploadsAttribute : Attribute;

/// <summary>
/// Requests to pages that take uploads may be as large as <see cref="MediaSettings.MaxRequestBytes"/>
/// (Kestrel's default for everything else is 30 MB). A larger one is read to its end and
/// answered 413, which the error page explains: a server that answers before the upload is
/// finished and closes the connection makes browsers show "connection reset" instead of the page.
/// </summary>
internal static class UploadLimits
{
    /// <summary>Beyond this, reading an upload only to refuse it is not worth it: the connection is closed.</summary>
    private const long MaxDrainBytes = 1024L * 1024 * 1024;

    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method)
                || context.GetEndpoint()?.Metadata.GetMetadata<AcceptsUploadsAttribute>() is null)
            {
                await next(context);
                return;
            }
            var limit = context.RequestServices.GetRequiredService<IOptionsMonitor<MediaSettings>>().CurrentValue.MaxRequestBytes;
            var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (context.Request.ContentLength is { } length && length > limit)
            {
                if (length <= MaxDrainBytes && bodySize is not { IsReadOnly: true })
                {
                    bodySize?.MaxRequestBodySize = length;
                    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                }
                // The error page that explains the 413 runs on this same request: it must find an
                // empty form, not try to read the one just thrown away.
                context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            if (bodySize is { IsReadOnly: false })
            {
                bodySize.MaxRequestBodySize = limit;
            }
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
            await next(context);
        });
}
