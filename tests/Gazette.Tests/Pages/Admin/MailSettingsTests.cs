using System.Net;
using Gazette.Data;
using Gazette.Features.Mail;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Pages.Admin;

/// <summary>A site where no mail server is set, as a new site is.</summary>
public sealed class NoMailApp : GazetteApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        builder.UseSetting("Gazette:Mail:Host", "");
    }
}

/// <summary>An Administrator sets up mail in the staff area, keeps the password secret, and tests it against a real SMTP server.</summary>
public sealed class MailSettingsTests
{
    [Fact]
    public async Task WithoutAMailServerNoPageSaysItHasEmailedAndNothingOffersWhatNeedsEmail()
    {
        using var app = new NoMailApp();
        var reader = app.CreateBrowser();
        var article = GazetteApp.UrlOf(await app.CreateArticleAsync());
        Assert.Null((await reader.GetDocumentAsync(article)).QuerySelector("input[name='Form.NotifyReplies'][type=checkbox]"));

        var data = await reader.PostFormAsync("/comments/my-data", "/comments/my-data", new() { ["Email"] = "reader@example.org" });
        var said = (await (data.StatusCode == HttpStatusCode.Redirect
            ? reader.GetDocumentAsync(data.Headers.Location!.OriginalString) : data.ReadDocumentAsync())).TextOf("[role=status]");
        Assert.Contains("cannot send email yet", said, StringComparison.Ordinal);
        Assert.DoesNotContain("We have sent", said, StringComparison.Ordinal);

        var forgot = await app.CreateBrowser().PostFormAsync("/admin/forgot-password", "/admin/forgot-password", new() { ["UserName"] = "admin" });
        var answer = await (forgot.StatusCode == HttpStatusCode.Redirect
            ? app.CreateBrowser().GetDocumentAsync(forgot.Headers.Location!.OriginalString) : forgot.ReadDocumentAsync());
        Assert.Contains("cannot send email yet", answer.TextOf("[role=status]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorSetsUpMailTestsItAndTheDashboardStopsWarning()
    {
        using var app = new NoMailApp();
        var admin = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(admin);
        Assert.NotNull((await admin.GetDocumentAsync("/admin")).QuerySelector(".mail-missing a[href='/admin/settings/mail']"));

        var port = TestTools.FreePort();
        await using var sink = new SmtpSink(port);
        var saved = await admin.PostFormAsync("/admin/settings/mail", "/admin/settings/mail", new()
        {
            ["Form.Host"] = "127.0.0.1",
            ["Form.Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.UserName"] = "",
            ["Form.Password"] = "s3cret-relay-pass",
            ["Form.From"] = "The Gazette <news@example.org>",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Kept encrypted in the database, and in force, decrypted, for the mail sender.
        var stored = await app.WithDbAsync(db => db.SiteSettings.SingleAsync(s => s.Key == "Gazette:Mail:Password"));
        Assert.StartsWith("protected:", stored.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", stored.Value, StringComparison.Ordinal);
        var settings = app.Services.GetRequiredService<IOptionsMonitor<MailSettings>>().CurrentValue;
        Assert.Equal(("127.0.0.1", port, "s3cret-relay-pass"), (settings.Host, settings.Port, settings.Password));
        var page = await admin.GetDocumentAsync("/admin/settings/mail");
        Assert.Equal("", page.QuerySelector("input[name='Form.Password']")!.GetAttribute("value") ?? "");
        Assert.Contains("A password is saved", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null((await admin.GetDocumentAsync("/admin")).QuerySelector(".mail-missing"));

        var test = await admin.PostFormAsync("/admin/settings/mail", "/admin/settings/mail?handler=Test", []);
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        var answer = (await admin.GetDocumentAsync("/admin/settings/mail")).TextOf("p.notice[role=status]");
        Assert.StartsWith("Sent to ", answer, StringComparison.Ordinal);
        Assert.Contains("The server answered:", answer, StringComparison.Ordinal);
        var message = Assert.Single(sink.Messages);
        Assert.StartsWith("Test email from", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatDoesNotAnswerIsReportedAndABadSenderIsRefused()
    {
        using var app = new NoMailApp();
        var admin = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(admin);
        var refused = await admin.PostFormAsync("/admin/settings/mail", "/admin/settings/mail", new()
        {
            ["Form.Host"] = "127.0.0.1", ["Form.Port"] = "25", ["Form.From"] = "not an address",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("one email address", (await refused.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);

        await admin.PostFormAsync("/admin/settings/mail", "/admin/settings/mail", new()
        {
            ["Form.Host"] = "127.0.0.1",
            ["Form.Port"] = TestTools.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.From"] = "news@example.org",
        });
        await admin.PostFormAsync("/admin/settings/mail", "/admin/settings/mail?handler=Test", []);
        var answer = (await admin.GetDocumentAsync("/admin/settings/mail")).QuerySelector("p.notice.error[role=status]")!.TextContent;
        Assert.StartsWith("Not sent.", answer, StringComparison.Ordinal);
    }
}
