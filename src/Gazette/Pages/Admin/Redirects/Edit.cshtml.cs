using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Redirects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Redirects;

/// <summary>Adds a redirect, or changes one; <see cref="SaveRedirect"/> checks it.</summary>
public sealed class EditModel(GazetteDbContext db, SaveRedirect saveRedirect) : PageModel
{
    public sealed class RedirectForm
    {
        [Required(ErrorMessage = "Enter the old address, starting with /.")]
        [StringLength(RedirectPaths.MaxFromLength)]
        [Display(Name = "From (an address on this site)")]
        public string? From { get; set; }

        [Required(ErrorMessage = "Enter where it should lead.")]
        [StringLength(RedirectPaths.MaxToLength)]
        [Display(Name = "To (a path on this site, or an https:// address)")]
        public string? To { get; set; }
    }

    [BindProperty]
    public RedirectForm Form { get; set; } = new();

    public int? RedirectId { get; private set; }
    public RedirectOrigin? Origin { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is { } redirectId)
        {
            var redirect = await db.Redirects.AsNoTracking().SingleOrDefaultAsync(r => r.Id == redirectId, cancellationToken);
            if (redirect is null)
            {
                return NotFound();
            }
            Form = new RedirectForm { From = redirect.FromPath, To = redirect.ToUrl };
            RedirectId = redirect.Id;
            Origin = redirect.Origin;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        RedirectId = id;
        if (ModelState.IsValid)
        {
            var result = await saveRedirect.ExecuteAsync(id, new SaveRedirect.Form(Form.From, Form.To), cancellationToken);
            if (result.Succeeded)
            {
                Message = id is null
                    ? $"Redirect added: {result.Redirect!.FromPath} now leads to {result.Redirect.ToUrl}."
                    : $"Redirect saved: {result.Redirect!.FromPath} now leads to {result.Redirect.ToUrl}.";
                return RedirectToPage("Index");
            }
            foreach (var (field, error) in result.Errors)
            {
                ModelState.AddModelError(field.Length == 0 ? "" : $"Form.{field}", error);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
