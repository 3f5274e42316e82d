using System.Text.Json;
using Gazette.Features.Comments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Comments;

/// <summary>
/// The links from the personal-data email. Opening one shows a button (mail scanners change
/// nothing); the button exports or erases. The signed token in the link is the credential.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class MyDataActionModel(PersonalData personalData) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public string Action { get; private set; } = "";
    public string? Email { get; private set; }
    public int? Erased { get; private set; }

    public IActionResult OnGet(string action)
    {
        Action = action;
        Email = personalData.EmailFor(Token);
        return Email is null ? Invalid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string action, CancellationToken cancellationToken)
    {
        Action = action;
        Email = personalData.EmailFor(Token);
        if (Email is null)
        {
            return Invalid();
        }
        if (action == "export")
        {
            var export = await personalData.ExportAsync(Email, cancellationToken);
            return File(JsonSerializer.SerializeToUtf8Bytes(export, Indented), "application/json", "my-comments.json");
        }
        Erased = await personalData.EraseAsync(Email, cancellationToken);
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
