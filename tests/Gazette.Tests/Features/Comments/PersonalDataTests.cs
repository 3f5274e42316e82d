using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.Comments;

public sealed partial class PersonalDataTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<(string Email, Comment Mine, Comment Theirs, Uri Export, Uri Erase)> ArrangeAsync()
    {
        var article = await app.CreateArticleAsync();
        var email = app.Unique("me") + "@example.org";
        var mine = await app.AddCommentAsync(article, c => { c.AuthorEmail = email; c.AuthorName = "Mira Holt"; c.AuthorWebsite = "https://mira.example.org/"; c.AuthorIp = "198.51.100.0"; c.Text = "My own words."; });
        var theirs = await app.AddCommentAsync(article, c => c.Text = "Someone else's words.");
        var response = await app.CreateBrowser().PostFormAsync("/comments/my-data", "/comments/my-data", new() { ["Email"] = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("We have sent a message", (await response.ReadDocumentAsync()).TextOf(".notice"), StringComparison.Ordinal);
        var message = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == email));
        var links = LinkPattern().Matches(message.Body).Select(m => new Uri(m.Value)).ToList();
        return (email, mine, theirs, links.Single(l => l.AbsolutePath.EndsWith("/export", StringComparison.Ordinal)), links.Single(l => l.AbsolutePath.EndsWith("/erase", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnEmailedLinkDownloadsEverythingAboutThatAddressAndNothingElse()
    {
        var (email, mine, _, export, _) = await ArrangeAsync();

        var page = await app.CreateBrowser().GetDocumentAsync(export.PathAndQuery);
        Assert.Contains(email, page.TextOf("main"), StringComparison.Ordinal);
        var response = await app.CreateBrowser().PostAsync(new Uri(export.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        var comment = Assert.Single(document.RootElement.GetProperty("Comments").EnumerateArray());
        Assert.Equal(mine.Id, comment.GetProperty("Id").GetInt32());
        Assert.Equal("My own words.", comment.GetProperty("Text").GetString());
        Assert.Equal("198.51.100.0", comment.GetProperty("Ip").GetString());
        Assert.DoesNotContain("Someone else", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmailedLinkErasesThePersonalDataAndKeepsTheTextAnonymously()
    {
        var (email, mine, theirs, _, erase) = await ArrangeAsync();

        var response = await app.CreateBrowser().PostAsync(new Uri(erase.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var erased = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == mine.Id));
        Assert.Equal(("Anonymous", "", null, null, null), (erased.AuthorName, erased.AuthorEmail, erased.AuthorWebsite, erased.AuthorIp, erased.AvatarSeed));
        Assert.Equal("My own words.", erased.Text);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.AuthorEmail == email)));
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == email && m.SentAt == null)));
        var untouched = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == theirs.Id));
        Assert.Equal(theirs.AuthorEmail, untouched.AuthorEmail);
    }

    [Fact]
    public async Task AForgedLinkDoesNothing()
    {
        var response = await app.CreateBrowser().PostAsync(new Uri("/comments/my-data/erase?t=forged", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", (await response.ReadDocumentAsync()).TextOf(".notice"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
