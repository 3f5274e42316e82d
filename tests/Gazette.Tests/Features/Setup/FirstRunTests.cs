using System.Net;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.Setup;

public sealed partial class FirstRunTests
{
    [Fact]
    public async Task TellsTheOperatorAPasswordThatSignsInAsAdministrator()
    {
        using var app = new SqliteApp();
        var browser = app.CreateBrowser();
        await browser.GetAsync(new Uri("/", UriKind.Relative));

        var message = Assert.Single(app.Log.Entries, e => e.Category == "Gazette.FirstRun").Message;
        Assert.Contains("/admin/signin", message, StringComparison.Ordinal);
        var password = PasswordLine().Match(message).Groups[1].Value;

        var response = await browser.PostFormAsync("/admin/signin", "/admin/signin", new()
        {
            ["UserName"] = "admin",
            ["Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SeedsTheDemoOnceAndNotOnTheSecondStart()
    {
        string dataDirectory;
        using (var first = new SqliteApp { KeepData = true })
        {
            dataDirectory = first.DataDirectory;
            var home = await first.CreateBrowser().GetDocumentAsync("/");
            Assert.Equal("Night ferry returns to Kestrel Bay after eleven years", home.TextOf(".article-card h2"));
            var (articles, pages, comments, replies, menus) = await first.WithDbAsync(async db => (
                await db.Articles.CountAsync(a => a.Kind == ArticleKind.Post),
                await db.Articles.CountAsync(a => a.Kind == ArticleKind.Page),
                await db.Comments.CountAsync(c => c.Status == CommentStatus.Approved),
                await db.Comments.CountAsync(c => c.ParentId != null),
                await db.Menus.CountAsync()));
            Assert.Equal((1, 1, 2, 1, 2), (articles, pages, comments, replies, menus));
        }

        using var second = new SqliteApp(dataDirectory);
        await second.CreateBrowser().GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(2, await second.WithDbAsync(db => db.Articles.CountAsync()));
        Assert.Equal(2, await second.WithDbAsync(db => db.Menus.CountAsync()));
        Assert.Equal(1, await second.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == "admin")));
        Assert.DoesNotContain(second.Log.Entries, e => e.Category == "Gazette.FirstRun");
    }

    [GeneratedRegex(@"Password:\s+(\S+)")]
    private static partial Regex PasswordLine();
}

public sealed class ResetPasswordTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task GivesTheAdministratorANewPasswordThatSignsIn()
    {
        var output = new StringWriter();
        var exitCode = await Gazette.Features.Setup.ResetPassword.RunAsync(app.Services, "admin", output);

        Assert.Equal(0, exitCode);
        var password = output.ToString().Trim().Split(' ')[^1];
        var response = await app.CreateBrowser().PostFormAsync("/admin/signin", "/admin/signin", new()
        {
            ["UserName"] = "admin",
            ["Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SaysSoWhenThereIsNoSuchUser()
    {
        var output = new StringWriter();
        Assert.Equal(1, await Gazette.Features.Setup.ResetPassword.RunAsync(app.Services, "nobody", output));
        Assert.Contains("no staff account", output.ToString(), StringComparison.Ordinal);
    }
}
