using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.Settings;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages.Admin;

/// <summary>"Publish on" is typed and shown in the site's language, whatever the browser's: day, month and year in its order.</summary>
public sealed partial class PublishOnTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Editor = "/admin/articles/edit";

    [Fact]
    public async Task ATimeTypedInTheSitesOrderSchedulesAndAnotherOrderIsRefusedWithTheTextKept()
    {
        var editor = app.CreateBrowser();
        await app.SignInAsync(editor, StaffRoles.Editor);
        var form = await editor.GetDocumentAsync(Editor);
        Assert.Matches(BritishEntry(), ((IHtmlInputElement)form.QuerySelector("#publish-on")!).Placeholder);
        var title = "Carol service on the quay " + app.Unique("carol");

        var scheduled = await editor.PostFormAsync(Editor, Editor, Fields(title, "24/12/2030 09:15"));

        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Title == title));
        Assert.Equal(ArticleStatus.Scheduled, article.Status);
        Assert.Equal(new DateTime(2030, 12, 24, 9, 15, 0), article.PublishedAt);
        var reopened = await editor.GetDocumentAsync(scheduled.Headers.Location!.OriginalString);
        Assert.Equal("24/12/2030 09:15", ((IHtmlInputElement)reopened.QuerySelector("#publish-on")!).Value);

        var refused = await editor.PostFormAsync(Editor, Editor, Fields("Wrong order " + app.Unique("w"), "12/24/2030 09:15"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("Type the day and time as", page.TextOf(".form-errors"), StringComparison.Ordinal);
        Assert.Equal("12/24/2030 09:15", ((IHtmlInputElement)page.QuerySelector("#publish-on")!).Value);
    }

    [Fact]
    public async Task InGermanTheDateHasDotsAndIsReadThatWay()
    {
        var store = app.Services.GetRequiredService<SiteSettingsStore>();
        await store.SaveAsync(new Dictionary<string, string> { ["Gazette:Site:Language"] = "de-DE" }, [], CancellationToken.None);
        try
        {
            var editor = app.CreateBrowser();
            await app.SignInAsync(editor, StaffRoles.Editor);
            var form = await editor.GetDocumentAsync(Editor);
            Assert.Matches(GermanEntry(), ((IHtmlInputElement)form.QuerySelector("#publish-on")!).Placeholder);
            var title = "Weihnachtsmarkt am Hafen " + app.Unique("markt");

            var scheduled = await editor.PostFormAsync(Editor, Editor, Fields(title, "24.12.2030 18:00"));

            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
            Assert.Equal(new DateTime(2030, 12, 24, 18, 0, 0), await app.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.PublishedAt).SingleAsync()));
        }
        finally
        {
            await store.SaveAsync(new Dictionary<string, string> { ["Gazette:Site:Language"] = "en-GB" }, [], CancellationToken.None);
        }
    }

    private static Dictionary<string, string> Fields(string title, string publishOn) => new()
    {
        ["Form.Title"] = title,
        ["Form.Body"] = "Candles and carols by the harbour master's office.",
        ["Form.CommentsOpen"] = "true",
        ["PublishOn"] = publishOn,
        ["intent"] = "publish",
    };

    [GeneratedRegex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")]
    private static partial Regex BritishEntry();

    [GeneratedRegex(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$")]
    private static partial Regex GermanEntry();
}
