using System.Net;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Gazette.Tests.Pages.Admin;

public sealed partial class StaffAccountsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string NewPassword = "tide-Tables-and-ferries-7";

    [Fact]
    public async Task AnInvitedEditorChoosesAPasswordFromTheEmailedLinkAndModerates()
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);
        var userName = app.Unique("ines");
        var email = userName + "@example.org";

        var invited = await administrator.PostFormAsync("/admin/users", "/admin/users?handler=Invite", new()
        {
            ["Invite.DisplayName"] = "Ines Varga", ["Invite.UserName"] = userName, ["Invite.Email"] = email,
            ["Invite.Role"] = StaffRoles.Editor,
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == email));
        Assert.Equal("You are invited to the newsroom", mail.Subject);
        var link = new Uri(LinkPattern().Match(mail.Body).Value);
        Assert.Equal("/admin/welcome", link.AbsolutePath);

        var newcomer = app.CreateBrowser();
        var welcome = await newcomer.GetDocumentAsync(link.PathAndQuery);
        Assert.Equal("Welcome to the newsroom", welcome.TextOf("h1"));
        var chosen = await newcomer.PostFormAsync(link.PathAndQuery, link.PathAndQuery, new() { ["Password"] = NewPassword, ["Confirm"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(new Uri("/admin/comments", UriKind.Relative))).StatusCode);

        // The link is spent.
        var again = await app.CreateBrowser().GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("not valid any more", (await again.ReadDocumentAsync()).TextOf(".notice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvitationNeedsAFreeUserNameAndEmailAndKeepsWhatWasTyped()
    {
        var administrator = app.CreateBrowser();
        var me = await app.SignInAsAdministratorAsync(administrator);

        var response = await administrator.PostFormAsync("/admin/users", "/admin/users?handler=Invite", new()
        {
            ["Invite.DisplayName"] = "Someone New", ["Invite.UserName"] = me, ["Invite.Email"] = "not-an-email",
            ["Invite.Role"] = StaffRoles.Author,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("valid email", page.TextOf("[data-valmsg-for='Invite.Email']"), StringComparison.Ordinal);
        Assert.Equal("Someone New", page.QuerySelector("input[name='Invite.DisplayName']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AForgottenPasswordIsResetByEmailAndStrangersLearnNothing()
    {
        var (userName, email) = await CreateStaffAsync(StaffRoles.Author);

        var asked = await app.CreateBrowser().PostFormAsync("/admin/forgot-password", "/admin/forgot-password", new() { ["UserName"] = userName });
        var nobody = await app.CreateBrowser().PostFormAsync("/admin/forgot-password", "/admin/forgot-password", new() { ["UserName"] = "nobody-" + userName });
        Assert.Equal((await asked.ReadDocumentAsync()).TextOf(".notice"), (await nobody.ReadDocumentAsync()).TextOf(".notice"));

        var mail = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == email));
        var link = new Uri(LinkPattern().Match(mail.Body).Value);
        var mismatch = await app.CreateBrowser().PostFormAsync(link.PathAndQuery, link.PathAndQuery, new() { ["Password"] = NewPassword, ["Confirm"] = "something else entirely" });
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("not the same", (await mismatch.ReadDocumentAsync()).TextOf("[data-valmsg-for=Confirm]"), StringComparison.Ordinal);
        var reset = await app.CreateBrowser().PostFormAsync(link.PathAndQuery, link.PathAndQuery, new() { ["Password"] = NewPassword, ["Confirm"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        var signIn = await app.CreateBrowser().PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TwoFactorSignInWithAnAuthenticatorCodeOrARecoveryCode()
    {
        var (userName, _) = await CreateStaffAsync(StaffRoles.Author);
        var browser = app.CreateBrowser();
        await SignInAsync(browser, userName);

        // Enrol: the page shows the key and its QR code; a wrong code is refused.
        var setup = await browser.GetDocumentAsync("/admin/account/two-factor");
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("img.qr-code")!.GetAttribute("src"), StringComparison.Ordinal);
        var key = Base32Encoding.ToBytes(setup.TextOf(".authenticator-key").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var wrong = await browser.PostFormAsync("/admin/account/two-factor", "/admin/account/two-factor?handler=Enable", new() { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enabled = await browser.PostFormAsync("/admin/account/two-factor", "/admin/account/two-factor?handler=Enable", new() { ["Code"] = new Totp(key).ComputeTotp() });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recoveryCodes = (await enabled.ReadDocumentAsync()).QuerySelectorAll(".codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // The password alone no longer signs in.
        var phone = app.CreateBrowser();
        var first = await phone.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/admin/signin/two-factor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
        var bad = await phone.PostFormAsync("/admin/signin/two-factor", "/admin/signin/two-factor", new() { ["Code"] = "123 456" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var good = await phone.PostFormAsync("/admin/signin/two-factor", "/admin/signin/two-factor", new() { ["Code"] = new Totp(key).ComputeTotp() });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);

        // A recovery code works once.
        Assert.True(await SignInWithRecoveryCodeAsync(userName, recoveryCodes[0]));
        Assert.False(await SignInWithRecoveryCodeAsync(userName, recoveryCodes[0]));
    }

    [Fact]
    public async Task AdministratorsChangeRolesAndSuspendStaffButNotThemselves()
    {
        var administrator = app.CreateBrowser();
        var me = await app.SignInAsAdministratorAsync(administrator);
        var (userName, _) = await CreateStaffAsync(StaffRoles.Contributor);
        var colleague = app.CreateBrowser();
        await SignInAsync(colleague, userName);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync(new Uri("/admin/comments", UriKind.Relative))).StatusCode);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var myId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == me).Select(u => u.Id).SingleAsync());

        var promoted = await administrator.PostFormAsync("/admin/users", $"/admin/users?handler=Role&id={id}", new() { ["role"] = StaffRoles.Editor });
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        // The new role counts from the colleague's next sign-in (their old cookie is revoked).
        await SignInAsync(colleague, userName);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync(new Uri("/admin/comments", UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await administrator.PostFormAsync("/admin/users", $"/admin/users?handler=Role&id={myId}", new() { ["role"] = StaffRoles.Contributor })).StatusCode);
        await administrator.PostFormAsync("/admin/users", $"/admin/users?handler=Suspend&id={id}&suspend=true", []);
        var refused = await app.CreateBrowser().PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private async Task<bool> SignInWithRecoveryCodeAsync(string userName, string code)
    {
        var browser = app.CreateBrowser();
        await browser.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = NewPassword });
        var response = await browser.PostFormAsync("/admin/signin/two-factor", "/admin/signin/two-factor", new() { ["Code"] = code });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private static async Task SignInAsync(HttpClient browser, string userName)
    {
        var response = await browser.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<(string UserName, string Email)> CreateStaffAsync(string role)
    {
        var userName = app.Unique(role.ToLowerInvariant());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, Email = userName + "@example.org", DisplayName = userName, Slug = userName };
        Assert.True((await users.CreateAsync(user, NewPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (userName, user.Email);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}

/// <summary>An app whose Administrators require two-factor sign-in for all staff.</summary>
public sealed class TwoFactorRequiredApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:Staff:RequireTwoFactor", "true");
    }
}

public sealed class RequiredTwoFactorTests(TwoFactorRequiredApp app) : IClassFixture<TwoFactorRequiredApp>
{
    [Fact]
    public async Task StaffWithoutItSeeOnlyTheSetupPage()
    {
        var browser = app.CreateBrowser();
        await app.SignInAsync(browser, StaffRoles.Editor);

        var home = await browser.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/admin/account/two-factor?required=1", home.Headers.Location!.OriginalString);
        var setup = await browser.GetDocumentAsync("/admin/account/two-factor?required=1");
        Assert.Contains("requires two-factor sign-in", setup.TextOf(".notice"), StringComparison.Ordinal);
        Assert.Null(setup.QuerySelector("button[formaction*=Disable], form[action*=Disable]"));
    }
}
