using System.Net;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.Comments;

public sealed partial class ReplyNotificationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task ConfirmedSubscribersHearOfApprovedRepliesUntilTheyUnsubscribeWithOneClick()
    {
        var article = await app.CreateArticleAsync(a => a.Title = "Night ferry fares");
        var url = GazetteApp.UrlOf(article);
        var asker = app.Unique("asker") + "@example.org";

        // The reader ticks "notify me" and is asked to confirm first.
        await app.CreateBrowser().PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Asker", ["Form.Email"] = asker, ["Form.Text"] = "Are bikes free?", ["Form.NotifyReplies"] = "true",
        });
        var confirmation = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == asker));
        var confirmLink = new Uri(LinkPattern().Match(confirmation.Body).Value);
        var confirmPage = await app.CreateBrowser().GetDocumentAsync(confirmLink.PathAndQuery);
        Assert.Contains("email me about replies", confirmPage.TextOf("main form button"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ReplySubscriptions.AnyAsync(s => s.Email == asker && s.ConfirmedAt != null)));
        var confirmed = await app.CreateBrowser().PostAsync(new Uri(confirmLink.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        // A moderator approves the question and then a reply to it.
        var question = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.AuthorEmail == asker));
        await app.WithDbAsync(db => db.Comments.Where(c => c.Id == question.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CommentStatus.Approved)));
        var reply = await app.AddCommentAsync(article, c => { c.ParentId = question.Id; c.Status = CommentStatus.Pending; c.AuthorName = "Harbour office"; c.Text = "Yes, bikes go free."; });
        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);
        await moderator.PostFormAsync("/admin/comments", "/admin/comments", new() { ["act"] = $"Approved:{reply.Id}", ["status"] = "Pending" });

        var notice = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == asker && m.Subject.Contains("replied")));
        Assert.Equal("Harbour office replied to your comment on \"Night ferry fares\"", notice.Subject);
        Assert.Contains("Yes, bikes go free.", notice.Body, StringComparison.Ordinal);
        Assert.NotNull(notice.UnsubscribeUrl);

        // One click from the mail client (a cookieless POST to the List-Unsubscribe address) ends it.
        var unsubscribe = new Uri(notice.UnsubscribeUrl!);
        var done = await app.CreateBrowser().PostAsync(new Uri(unsubscribe.PathAndQuery, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var another = await app.AddCommentAsync(article, c => { c.ParentId = question.Id; c.Status = CommentStatus.Pending; c.Text = "And dogs too."; });
        await moderator.PostFormAsync("/admin/comments", "/admin/comments", new() { ["act"] = $"Approved:{another.Id}", ["status"] = "Pending" });
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == asker && m.Subject.Contains("replied"))));
    }

    [Fact]
    public async Task NobodyIsEmailedWithoutConfirming()
    {
        var article = await app.CreateArticleAsync();
        var email = app.Unique("quiet") + "@example.org";
        var question = await app.AddCommentAsync(article, c => c.AuthorEmail = email);
        await app.WithDbAsync(async db => { db.ReplySubscriptions.Add(new ReplySubscription { Email = email, CreatedAt = DateTime.UtcNow }); await db.SaveChangesAsync(); });
        var reply = await app.AddCommentAsync(article, c => { c.ParentId = question.Id; c.Status = CommentStatus.Pending; });
        var moderator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(moderator);

        await moderator.PostFormAsync("/admin/comments", "/admin/comments", new() { ["act"] = $"Approved:{reply.Id}", ["status"] = "Pending" });

        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == email)));
    }

    [Fact]
    public async Task AForgedLinkChangesNothing()
    {
        var response = await app.CreateBrowser().PostAsync(new Uri("/comments/replies/confirm?t=forged", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", (await response.ReadDocumentAsync()).TextOf(".notice"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
