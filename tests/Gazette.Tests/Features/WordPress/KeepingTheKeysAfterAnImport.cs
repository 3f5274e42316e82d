using System.Net;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Features.Setup;
using Gazette.Infrastructure;
using Gazette.Tests.Features.Backup;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// Importing from the command line into a new data folder, as an operator moving a site over does,
/// leaves a site that someone can run: an Administrator who can sign in. The verb runs as its own
/// process, exactly as typed, before any web server has started on the folder.
/// </summary>
public sealed partial class KeepingTheKeysAfterAnImport
{
    [Fact]
    public async Task AnImportIntoANewFolderMakesTheAdministratorAndPrintsItsPassword()
    {
        var data = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        var output = await RunVerbAsync(data, "import", "wordpress", WordPressFixtures.PathOf(WordPressFixtures.Beacon));

        Assert.Contains("User name: admin", output, StringComparison.Ordinal);
        using var app = new SqliteApp(data);
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "admin", Password(output))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/admin/settings", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);
        // The imported site, not the demo: the first run on a folder with staff seeds nothing.
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Slug == "night-ferry-returns-to-kestrel-bay")));
        Assert.True(await app.WithDbAsync(db => db.Articles.AnyAsync()));
    }

    [Fact]
    public async Task AnImportedAccountNamedWithAdminBecomesTheAdministrator()
    {
        var data = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        var output = await RunVerbAsync(data, "import", "wordpress", WordPressFixtures.PathOf(WordPressFixtures.Beacon), "--admin", "hanne");

        Assert.Contains("hanne is now an Administrator", output, StringComparison.Ordinal);
        using var app = new SqliteApp(data);
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "hanne", Password(output))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/admin/import", UriKind.Relative))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "admin")));
    }

    [Fact]
    public async Task SetRoleGivesARoleAndNeverLeavesTheSiteWithoutAnAdministrator()
    {
        using var app = new SqliteApp();
        await app.CreateBrowser().GetAsync(new Uri("/", UriKind.Relative));
        var output = new StringWriter();

        Assert.Equal(0, await SetRole.RunAsync(app.Services, "mara.lindqvist", "editor", output));
        Assert.Contains("mara.lindqvist is now an Editor", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([StaffRoles.Editor], await RolesOfAsync(app, "mara.lindqvist"));

        Assert.Equal(2, await SetRole.RunAsync(app.Services, "mara.lindqvist", "owner", output));
        Assert.Contains("There is no role \"owner\"", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await SetRole.RunAsync(app.Services, "admin", "Author", output));
        Assert.Contains("last Administrator", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([StaffRoles.Administrator], await RolesOfAsync(app, "admin"));
        Assert.Equal(1, await SetRole.RunAsync(app.Services, "nobody", "Editor", output));
    }

    private static async Task<IList<string>> RolesOfAsync(SqliteApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.GetRolesAsync((await users.FindByNameAsync(userName))!);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password) =>
        browser.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = password });

    private static string Password(string output) =>
        PasswordPattern().Match(output) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException(output);

    /// <summary>Runs Gazette with a verb on <paramref name="data"/> as a process of its own; returns what it printed.</summary>
    private static async Task<string> RunVerbAsync(string data, params string[] args)
    {
        var run = await GazetteVerb.RunAsync(new Dictionary<string, string> { ["Gazette__DataDirectory"] = data }, args);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
        return run.Output;
    }

    [GeneratedRegex(@"(?:Password:\s+|with the password )(\S+)")]
    private static partial Regex PasswordPattern();
}
