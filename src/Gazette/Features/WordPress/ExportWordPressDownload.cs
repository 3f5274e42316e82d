using System.Globalization;

namespace Gazette.Features.WordPress;

/// <summary>Streams the site's WordPress export straight into a response, as a download.</summary>
public sealed class ExportWordPressDownload(ExportWordPress export, TimeProvider clock)
{
    public async Task WriteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = string.Create(CultureInfo.InvariantCulture, $"gazette-wordpress-{clock.GetUtcNow():yyyy-MM-dd}.xml");
        context.Response.ContentType = "application/xml; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        context.Response.Headers.CacheControl = "no-store";
        await export.ExecuteAsync(context.Response.Body, cancellationToken);
    }
}
