using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed partial class AskingForACopyOfYourData(BrowserApp app)
{
    [Fact]
    public async Task TheEmailedLinkDownloadsTheCommentersCommentsAsJson()
    {
        var arranged = await app.ArrangeFullArticleAsync();
        var mine = (await app.ArrangeCommentsAsync(arranged.Id, 1, CommentStatus.Approved))[0];
        await using var context = await app.NewContextAsync(new() { AcceptDownloads = true });
        var article = new ArticlePage(await context.NewPageAsync());
        await article.OpenAsync(arranged.Url);
        await Expect(article.CommentBy(mine.Name)).ToBeVisibleAsync();

        await article.MyDataLink.ClickAsync();
        var myData = new MyDataPage(article.Page);
        await myData.RequestLinkAsync(mine.Email);

        // The site's mail goes through the outbox; the test reads the message there instead of an inbox.
        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking()
            .Where(m => m.To == mine.Email).OrderByDescending(m => m.Id).FirstAsync());
        Assert.Equal("Your comments: a copy, or erasure", message.Subject);
        var link = ExportLink().Match(message.Body);
        Assert.True(link.Success, $"No export link in the message:\n{message.Body}");
        Assert.StartsWith(app.BaseAddress.ToString().TrimEnd('/') + "/", link.Value, StringComparison.Ordinal);

        await article.Page.GotoAsync(link.Value);
        var (fileName, json) = await myData.DownloadAsync();

        Assert.Equal("my-comments.json", fileName);
        using var export = JsonDocument.Parse(json);
        Assert.Equal(mine.Email, export.RootElement.GetProperty("Email").GetString());
        var comment = Assert.Single(export.RootElement.GetProperty("Comments").EnumerateArray());
        Assert.Equal(mine.Text, comment.GetProperty("Text").GetString());
        Assert.Equal(mine.Name, comment.GetProperty("Name").GetString());
        Assert.Equal(arranged.Url, comment.GetProperty("ArticleUrl").GetString());
    }

    [GeneratedRegex(@"\S+/comments/my-data/export\?t=\S+")]
    private static partial Regex ExportLink();
}
