using Gazette.Features.Articles;
using Gazette.Features.Backup;
using Gazette.Features.Comments;
using Gazette.Features.Mail;
using Gazette.Features.Media;
using Gazette.Features.Menus;
using Gazette.Features.Settings;
using Gazette.Features.Redirects;
using Gazette.Features.Search;
using Gazette.Features.Setup;
using Gazette.Features.Staff;
using Gazette.Features.Syndication;
using Gazette.Features.WordPress;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

if (await CommandLine.TryRunStandaloneAsync(args) is { } standaloneExitCode)
{
    return standaloneExitCode;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = WebHosting.PublishedContentRoot() });
// A stop (SIGTERM) lets the requests in flight finish and the background services end for this long, then
// the host gives up on them. systemd kills the process TimeoutStopSec=30 after the stop (deploy/gazette.service):
// the 5 s between leave the process time to dispose of the rest and exit by itself, with code 0.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(25));

var options = builder.Configuration.GetSection(GazetteOptions.Section).Get<GazetteOptions>() ?? new GazetteOptions();
builder.Services.Configure<GazetteOptions>(builder.Configuration.GetSection(GazetteOptions.Section));

builder.AddWebHosting();
builder.AddPageCache();
builder.AddSharedEvictions();
builder.AddGazetteDatabase(options);
builder.Services.AddGazetteHealthChecks();
builder.AddGazetteTelemetry();
builder.AddStaffIdentity();
// In the database, so every instance shares them (and a backup of the database holds them).
builder.Services.AddDataProtection()
    .SetApplicationName("Gazette")
    .PersistKeysToDbContext<Gazette.Data.GazetteDbContext>();

builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.ConfigureFilter(new PageRequests());
    pages.Conventions.AuthorizeFolder("/Admin", StaffPolicies.Staff);
    pages.Conventions.AuthorizeFolder("/Admin/Comments", StaffPolicies.Moderate);
    pages.Conventions.AuthorizeFolder("/Admin/Users", StaffPolicies.ManageSite);
    pages.Conventions.AuthorizeFolder("/Admin/Media", StaffPolicies.UploadMedia);
    pages.Conventions.AuthorizeFolder("/Admin/Settings", StaffPolicies.ManageSite);
    pages.Conventions.AuthorizeFolder("/Admin/Import", StaffPolicies.ManageSite);
    pages.Conventions.AuthorizeFolder("/Admin/Backup", StaffPolicies.ManageSite);
    pages.Conventions.AuthorizeFolder("/Admin/Menus", StaffPolicies.ManageSite);
    pages.Conventions.AuthorizeFolder("/Admin/FrontPage", StaffPolicies.Moderate);
    pages.Conventions.AuthorizeFolder("/Admin/Redirects", StaffPolicies.Moderate);
    pages.Conventions.AllowAnonymousToPage("/Admin/SignIn");
    pages.Conventions.AllowAnonymousToPage("/Admin/SignInTwoFactor");
    pages.Conventions.AllowAnonymousToPage("/Admin/ForgotPassword");
    pages.Conventions.AllowAnonymousToPage("/Admin/SetPassword");
    // A restore ends the session it was started with; the page checks its own ticket.
    pages.Conventions.AllowAnonymousToPage("/Admin/Restored");
    pages.Conventions.AddPageRoute("/Admin/SetPassword", "admin/welcome");
    // Static pages (About, Contact…) live at the root; any literal route such as /admin or /search wins over it.
    pages.Conventions.AddPageRoute("/Articles/Show", "{slug}");
});
builder.Services.AddArticles(builder.Configuration);
builder.Services.AddRedirects();
builder.Services.AddMenus();
builder.Services.AddSearch();
builder.Services.AddComments(builder.Configuration);
builder.Services.AddMedia(builder.Configuration);
builder.Services.AddMail(builder.Configuration);
builder.Services.AddStaff(builder.Configuration);
builder.Services.AddSyndication(builder.Configuration);
builder.Services.AddFirstRun();
builder.Services.AddWordPress();
builder.Services.AddBackups();
// Last of the configuration sources: what Administrators save on the settings page wins.
builder.AddSiteSettings(options);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}
app.UseWebHosting();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseSecurityHeaders();
app.UseSiteAssets();
app.UseMediaFiles(options);
app.UseRedirects();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequiredTwoFactor();
app.UsePageCache();
app.UseUploadLimits();

app.MapRazorPages();
app.MapGazetteHealthChecks();
app.MapGazetteTelemetry();
app.MapSyndication();
app.MapComments();

await app.MigrateDatabaseAsync();
await app.LoadSiteSettingsAsync();
await app.EnsureStaffRolesAsync();
if (CommandLine.HasVerb(args))
{
    return await CommandLine.RunAsync(app, args);
}
await app.RunFirstRunAsync();
await app.RunAsync();
return 0;
