using Gazette.Features.Comments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Pages.Comments;

/// <summary>
/// The links in reply emails. Opening one shows a button (mail scanners that follow links change
/// nothing); the button, or a mail client's one-click POST, does it. The signed token in the link
/// is the only credential, so there is no antiforgery cookie to ask for.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class RepliesModel(ReplyNotifications notifications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public string Action { get; private set; } = "";
    public bool? Done { get; private set; }

    public void OnGet(string action) => Action = action;

    public async Task<IActionResult> OnPostAsync(string action, CancellationToken cancellationToken)
    {
        Action = action;
        Done = await notifications.ApplyAsync(action, Token, cancellationToken);
        if (Done == false)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
