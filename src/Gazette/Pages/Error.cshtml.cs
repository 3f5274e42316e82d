using System.Globalization;
using Gazette.Features.Media;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IOptionsMonitor<MediaSettings> media) : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Explanation { get; private set; } = "The page could not be shown. Please try again in a moment.";

    /// <summary>Whatever the method of the request that failed (the page runs again with it), and without a handler.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Describe(int.TryParse(Request.Query["code"], CultureInfo.InvariantCulture, out var code) ? code : null);
    }

    private void Describe(int? code)
    {
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "There is nothing at this address. It may have moved, or the link may be mistyped."),
            400 => ("That request could not be understood", "If you were sending a form, go back, reload the page and try again."),
            403 => ("Not allowed", "You do not have permission to do that."),
            413 when !CameFromAnUploadPage() => ("That was too large to send",
                "Nothing was stored. If you were writing a comment or a form, go back: shorten it and send it again."),
            413 => ("That upload is too large", $"An image may be at most {media.CurrentValue.MaxUploadMegabytes} MB, and one upload may carry at most {media.CurrentValue.MaxFilesPerUpload} images. Nothing was stored: go back and choose smaller or fewer files."),
            405 => ("That cannot be done here", "This address does not take that kind of request."),
            429 => ("Too many requests", "Please wait a moment and try again."),
            _ => (Heading, Explanation),
        };
    }

    private bool CameFromAnUploadPage() =>
        HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.Endpoint?.Metadata.GetMetadata<AcceptsUploadsAttribute>() is not null;
}
