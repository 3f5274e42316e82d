using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Gazette.Infrastructure;

/// <summary>
/// ASP.NET's validation summary keeps an empty <c>&lt;li style="display:none"&gt;</c> for client-side
/// validation to fill, which the site's Content-Security-Policy (no inline styles) blocks and the
/// browser reports as a console error. Gazette validates on the server, so the placeholder goes;
/// the summary of a valid form is hidden by its <c>validation-summary-valid</c> class.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutStyle : TagHelper
{
    private const string Placeholder = "<li style=\"display:none\"></li>";

    // After ASP.NET's own validation summary tag helper has written the list.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var content = output.PostContent.GetContent();
        if (content.Contains(Placeholder, StringComparison.Ordinal))
        {
            output.PostContent.SetHtmlContent(content.Replace(Placeholder, "", StringComparison.Ordinal));
        }
    }
}
