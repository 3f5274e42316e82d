using Gazette.Features.Comments;
using Gazette.Features.Settings;
using Gazette.Features.Staff;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Admin.Settings;

/// <summary>
/// Administrators change the site's title, dates, comment policy and sign-in rules. A save
/// applies on the very next request, here and (within half a minute) on other instances.
/// </summary>
public sealed class IndexModel(
    SiteSettingsStore store, SiteAddress address, IOptionsMonitor<GazetteOptions> site, IOptionsMonitor<CommentSettings> comments,
    IOptionsMonitor<StaffSettings> staff, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    public IReadOnlyList<SettingChoices.Choice> TimeZones { get; private set; } = [];
    public IReadOnlyList<SettingChoices.Choice> Languages { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
        Form = SettingsForm.From(address, site.CurrentValue.Site, comments.CurrentValue, staff.CurrentValue);
        PrepareChoices();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        foreach (var (field, message) in Form.Problems())
        {
            ModelState.AddModelError($"{nameof(Form)}.{field}", message);
        }
        if (!ModelState.IsValid)
        {
            // Everything typed comes back, with a message next to each field that is wrong; nothing is saved.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            PrepareChoices();
            return Page();
        }
        var before = address.Base;
        var (values, lists) = Form.ToConfiguration();
        await store.SaveAsync(values, lists, cancellationToken);
        Message = "Settings saved. They apply from the next page anyone opens.";
        // A new address may be the only host the site now answers for: carry on there.
        return address.Base == before ? RedirectToPage() : Redirect(address.Base + "/admin/settings");
    }

    private void PrepareChoices()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        TimeZones = SettingChoices.TimeZones(Form.TimeZone, now);
        Languages = SettingChoices.Languages(Form.Language, now);
    }
}
