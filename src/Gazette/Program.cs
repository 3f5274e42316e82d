using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Gazette.Features.Mail;
using Gazette.Features.Media;
using Gazette.Features.Redirects;
using Gazette.Features.Setup;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

if (await CommandLine.TryRunStandaloneAsync(args) is { } standaloneExitCode)
{
    return standaloneExitCode;
}

var builder = WebApplication.CreateBuilder(args);

var options = builder.Configuration.GetSection(GazetteOptions.Section).Get<GazetteOptions>() ?? new GazetteOptions();
builder.Services.Configure<GazetteOptions>(builder.Configuration.GetSection(GazetteOptions.Section));

builder.AddGazetteDatabase(options);
builder.AddStaffIdentity();
builder.Services.AddDataProtection()
    .SetApplicationName("Gazette")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataPath, "keys")));

builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AuthorizeFolder("/Admin", StaffPolicies.Staff);
    pages.Conventions.AuthorizeFolder("/Admin/Comments", StaffPolicies.Moderate);
    pages.Conventions.AuthorizeFolder("/Admin/Redirects", StaffPolicies.Moderate);
    pages.Conventions.AllowAnonymousToPage("/Admin/SignIn");
});
builder.Services.AddArticles();
builder.Services.AddRedirects();
builder.Services.AddComments(builder.Configuration);
builder.Services.AddMedia();
builder.Services.AddMail(builder.Configuration);
builder.Services.AddFirstRun();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseSecurityHeaders();
app.UseSiteAssets();
app.UseMediaFiles(options);
app.UseRedirects();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapRazorPages();

await app.MigrateDatabaseAsync();
await app.EnsureStaffRolesAsync();
if (CommandLine.HasVerb(args))
{
    return await CommandLine.RunAsync(app, args);
}
await app.RunFirstRunAsync();
await app.RunAsync();
return 0;
