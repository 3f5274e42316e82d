using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// A session ends at its very next request when the access behind it ends: a demotion, a
/// suspension, a new password, and signing out (which also turns away a copy of the cookie).
/// </summary>
public abstract class SessionEndTests(GazetteApp app)
{
    private static readonly Uri Comments = new("/admin/comments", UriKind.Relative);
    private static readonly Uri Dashboard = new("/admin", UriKind.Relative);

    [Fact]
    public async Task ADemotedEditorCannotModerateOnTheNextRequest()
    {
        var editor = app.CreateBrowser();
        var userName = await app.SignInAsync(editor, StaffRoles.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(Comments)).StatusCode);

        await ChangeRoleAsync(userName, StaffRoles.Contributor);

        var after = await editor.GetAsync(Comments);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuspendedMemberOfStaffIsSignedOutOnTheNextRequest()
    {
        var author = app.CreateBrowser();
        var userName = await app.SignInAsync(author, StaffRoles.Author);
        var id = await IdOfAsync(userName);
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);

        var suspended = await administrator.PostFormAsync("/admin/users", $"/admin/users?handler=Suspend&id={id}&suspend=true", []);
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);

        var after = await author.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutTurnsAwayACopyOfTheCookie()
    {
        var jar = new CookieContainer();
        var browser = app.CreateBrowser(jar);
        await app.SignInAsync(browser, StaffRoles.Author);
        var stolen = new CookieContainer();
        stolen.SetCookies(new Uri("http://localhost/"), jar.GetCookieHeader(new Uri("http://localhost/admin")).Replace("; ", ",", StringComparison.Ordinal));
        var thief = app.CreateBrowser(stolen);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(Dashboard)).StatusCode);

        var signedOut = await browser.PostFormAsync("/admin/signout", "/admin/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var after = await thief.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewPasswordSetElsewhereEndsThisSession()
    {
        var laptop = app.CreateBrowser();
        var userName = await app.SignInAsync(laptop, StaffRoles.Author);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            Assert.True((await users.ChangePasswordAsync(user, "correct-horse-Battery-9", "a-brand-new-Password-42")).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync(Dashboard)).StatusCode);
    }

    [Fact]
    public async Task ADeletedAccountsSessionEnds()
    {
        var author = app.CreateBrowser();
        var userName = await app.SignInAsync(author, StaffRoles.Author);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByNameAsync(userName))!)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await author.GetAsync(Dashboard)).StatusCode);
    }

    private async Task ChangeRoleAsync(string userName, string role)
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        var id = await IdOfAsync(userName);
        var changed = await administrator.PostFormAsync("/admin/users", $"/admin/users?handler=Role&id={id}", new() { ["role"] = role });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
    }

    private Task<string> IdOfAsync(string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}

public sealed class SessionEndOnSqlite(SqliteApp app) : SessionEndTests(app), IClassFixture<SqliteApp>;

public sealed class SessionEndOnPostgreSql(PostgreSqlApp app) : SessionEndTests(app), IClassFixture<PostgreSqlApp>;
