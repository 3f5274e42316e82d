using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Gazette.Tests.Infrastructure;

public static class FormFields
{
    /// <summary>
    /// What a browser would send for <paramref name="form"/> as the page shows it: inputs, chosen
    /// options, textareas and tick boxes ("true" or "false", as ASP.NET's hidden field would),
    /// without the antiforgery token, which <see cref="HttpClientExtensions.PostFormAsync"/> adds.
    /// </summary>
    public static Dictionary<string, string> Of(IElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new Dictionary<string, string>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                // A tick box with a value of its own (an id among many) is sent only ticked, as browsers do.
                case IHtmlInputElement { Type: "checkbox" } box when box.GetAttribute("value") is { } value && value != "true":
                    if (box.IsChecked)
                    {
                        fields.TryAdd(name, value);
                    }
                    break;
                case IHtmlInputElement { Type: "checkbox" } box:
                    fields[name] = box.IsChecked ? "true" : "false";
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input when name != "__RequestVerificationToken":
                    fields.TryAdd(name, input.Value);
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement area:
                    fields[name] = area.Value;
                    break;
            }
        }
        return fields;
    }
}
