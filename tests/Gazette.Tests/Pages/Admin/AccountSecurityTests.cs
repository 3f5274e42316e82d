using System.Globalization;
using System.Net;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// Someone holding a staff member's open session, but not their password or phone, cannot make
/// the account theirs: neither by changing its email address nor by turning two-factor sign-in off.
/// </summary>
public sealed class AccountSecurityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>The password <see cref="GazetteApp.SignInAsync"/> gives everyone.</summary>
    private const string Password = "correct-horse-Battery-9";

    [Theory]
    [InlineData("", "Enter your current password.")]
    [InlineData("not-the-password-at-all", "That is not your current password.")]
    public async Task ANewEmailAddressNeedsTheCurrentPassword(string password, string message)
    {
        var browser = app.CreateBrowser();
        var userName = await app.SignInAsync(browser, StaffRoles.Author);
        var stolen = app.Unique("thief") + "@example.net";

        var response = await browser.PostFormAsync("/admin/account", "/admin/account", new()
        {
            ["Profile.DisplayName"] = "Rosa Quint",
            ["Profile.Email"] = stolen,
            ["Profile.Bio"] = "Covers the courts.",
            ["Profile.CurrentPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(message, page.TextOf("[data-valmsg-for='Profile.CurrentPassword']"));
        Assert.Equal("Rosa Quint", page.QuerySelector("input[name='Profile.DisplayName']")!.GetAttribute("value"));
        Assert.Equal(stolen, page.QuerySelector("input[name='Profile.Email']")!.GetAttribute("value"));
        Assert.Equal("Covers the courts.", page.QuerySelector("textarea[name='Profile.Bio']")!.TextContent.Trim());
        var stored = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));
        Assert.Equal((userName + "@example.org", "Editor " + userName, (string?)null), (stored.Email, stored.DisplayName, stored.Bio));
    }

    [Fact]
    public async Task WithThePasswordTheEmailAddressChangesAndTheSessionGoesOn()
    {
        var browser = app.CreateBrowser();
        var userName = await app.SignInAsync(browser, StaffRoles.Author);
        var email = app.Unique("moved") + "@example.net";

        var response = await browser.PostFormAsync("/admin/account", "/admin/account", new()
        {
            ["Profile.DisplayName"] = "Rosa Quint",
            ["Profile.Email"] = email,
            ["Profile.CurrentPassword"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(email, await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Email).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/admin/account", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TurningTwoFactorOffNeedsThePasswordAndACode()
    {
        var browser = app.CreateBrowser();
        var userName = await app.SignInAsync(browser, StaffRoles.Author);
        var (key, _) = await EnrolAsync(browser);
        var page = await browser.GetDocumentAsync("/admin/account/two-factor");
        Assert.NotNull(page.QuerySelector("form[action*=Disable] input[name=Password][type=password]"));
        Assert.NotNull(page.QuerySelector("form[action*=Disable] input[name=Code]"));

        (string Password, string Code, string Field, string Message)[] refused =
        [
            ("", new Totp(key).ComputeTotp(), "Password", "Enter your current password."),
            ("not-the-password-at-all", new Totp(key).ComputeTotp(), "Password", "That is not your current password."),
            (Password, "", "Code", "Enter the code your authenticator app shows, or a recovery code."),
            (Password, WrongCode(key), "Code", "That code is not right."),
        ];
        foreach (var attempt in refused)
        {
            var response = await DisableAsync(browser, attempt.Password, attempt.Code);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith(attempt.Message, (await response.ReadDocumentAsync()).TextOf($"[data-valmsg-for={attempt.Field}]"), StringComparison.Ordinal);
            Assert.True(await TwoFactorEnabledAsync(userName), $"Turned off with password \"{attempt.Password}\" and code \"{attempt.Code}\"");
        }

        var turnedOff = await DisableAsync(browser, Password, new Totp(key).ComputeTotp());

        Assert.Equal(HttpStatusCode.Redirect, turnedOff.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(userName));
    }

    [Fact]
    public async Task ARecoveryCodeAlsoTurnsTwoFactorOff()
    {
        var browser = app.CreateBrowser();
        var userName = await app.SignInAsync(browser, StaffRoles.Editor);
        var (_, recoveryCodes) = await EnrolAsync(browser);

        var turnedOff = await DisableAsync(browser, Password, recoveryCodes[3].ToLowerInvariant());

        Assert.Equal(HttpStatusCode.Redirect, turnedOff.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(userName));
    }

    /// <summary>Turns two-factor sign-in on from its page, as the existing sign-in tests do; returns the key and recovery codes.</summary>
    private static async Task<(byte[] Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient browser)
    {
        var setup = await browser.GetDocumentAsync("/admin/account/two-factor");
        var key = Base32Encoding.ToBytes(setup.TextOf(".authenticator-key").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var enabled = await browser.PostFormAsync(
            "/admin/account/two-factor", "/admin/account/two-factor?handler=Enable", new() { ["Code"] = new Totp(key).ComputeTotp() });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        return (key, (await enabled.ReadDocumentAsync()).QuerySelectorAll(".codes code").Select(c => c.TextContent).ToList());
    }

    private static Task<HttpResponseMessage> DisableAsync(HttpClient browser, string password, string code) =>
        browser.PostFormAsync("/admin/account/two-factor", "/admin/account/two-factor?handler=Disable", new()
        {
            ["Password"] = password,
            ["Code"] = code,
        });

    private Task<bool> TwoFactorEnabledAsync(string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TwoFactorEnabled).SingleAsync());

    /// <summary>Six digits the app does not show anywhere near now (the site accepts a few steps either side).</summary>
    private static string WrongCode(byte[] key)
    {
        var totp = new Totp(key);
        var near = Enumerable.Range(-5, 11).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 20).Select(i => (i * 111_111 % 1_000_000).ToString("000000", CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }
}
