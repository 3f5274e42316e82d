using Gazette.Features.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IOptionsMonitor<MediaSettings> media) : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Explanation { get; private set; } = "The page could not be shown. Please try again in a moment.";

    public void OnGet([FromQuery] int? code) => Describe(code);

    public void OnPost([FromQuery] int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "There is nothing at this address. It may have moved, or the link may be mistyped."),
            400 => ("That request could not be understood", "If you were sending a form, go back, reload the page and try again."),
            403 => ("Not allowed", "You do not have permission to do that."),
            413 => ("That upload is too large", $"An image may be at most {media.CurrentValue.MaxUploadMegabytes} MB, and one upload may carry at most {media.CurrentValue.MaxFilesPerUpload} images. Nothing was stored: go back and choose smaller or fewer files."),
            429 => ("Too many requests", "Please wait a moment and try again."),
            _ => (Heading, Explanation),
        };
    }
}
