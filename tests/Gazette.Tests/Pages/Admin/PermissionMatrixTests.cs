using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// Every staff page and action, tried by every role and by a stranger. Allowed means a 2xx or a
/// redirect after a successful post; refused means 403 for staff and a redirect to sign-in for
/// strangers. A failure lists every cell of the matrix that came out wrong.
/// </summary>
public sealed class PermissionMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Anonymous = "Anonymous";
    private static readonly string[] Everyone = [.. StaffRoles.All];
    private static readonly string[] Moderators = [StaffRoles.Administrator, StaffRoles.Editor];
    private static readonly string[] Publishers = [StaffRoles.Administrator, StaffRoles.Editor, StaffRoles.Author];
    private static readonly string[] Administrators = [StaffRoles.Administrator];

    /// <summary>
    /// What one signed-in user can act on: someone else's article, their own draft and their own
    /// published article, a comment, and a library image of their own and one of someone else's.
    /// </summary>
    private sealed record Scene(
        HttpClient Browser, Article Others, Article OwnDraft, Article OwnPublished, Comment Pending, MediaItem OwnImage, MediaItem OthersImage);

    private sealed record Action(string Name, string[] Allowed, Func<Scene, Task<HttpResponseMessage>> Run);

    private static readonly Action[] Actions =
    [
        Get("the dashboard", "/admin", Everyone),
        Get("a new article", "/admin/articles/edit", Everyone),
        Get("their own draft", s => $"/admin/articles/edit/{s.OwnDraft.Id}", Everyone),
        Get("their own published article", s => $"/admin/articles/edit/{s.OwnPublished.Id}", Publishers),
        Get("someone else's article", s => $"/admin/articles/edit/{s.Others.Id}", Moderators),
        Post("publish a new article", _ => "/admin/articles/edit", _ => "/admin/articles/edit", Publishers, NewArticle("publish")),
        Post("submit a new article for review", _ => "/admin/articles/edit", _ => "/admin/articles/edit", Everyone, NewArticle("submit")),
        Post("save their own draft", s => $"/admin/articles/edit/{s.OwnDraft.Id}", s => $"/admin/articles/edit/{s.OwnDraft.Id}", Everyone, NewArticle("draft")),
        Post("update their own published article", s => $"/admin/articles/edit/{s.OwnPublished.Id}", s => $"/admin/articles/edit/{s.OwnPublished.Id}", Publishers, NewArticle("publish")),
        Post("edit someone else's article", s => $"/admin/articles/edit/{s.Others.Id}", s => $"/admin/articles/edit/{s.Others.Id}", Moderators, NewArticle("publish")),
        Get("the comment queue", "/admin/comments", Moderators),
        Post("approve a comment", _ => "/admin/account", _ => "/admin/comments", Moderators, s => new() { ["act"] = $"Approved:{s.Pending.Id}", ["status"] = "Pending" }),
        Get("the staff list", "/admin/users", Administrators),
        Post("invite a member of staff", _ => "/admin/account", _ => "/admin/users?handler=Invite", Administrators, _ => new()
        {
            ["Invite.DisplayName"] = "New Hire", ["Invite.UserName"] = "hire-" + Guid.NewGuid().ToString("N")[..8],
            ["Invite.Email"] = "hire-" + Guid.NewGuid().ToString("N")[..8] + "@example.org", ["Invite.Role"] = StaffRoles.Author,
        }),
        Get("the article list", "/admin/articles", Everyone),
        Get("their own draft's revisions", s => $"/admin/articles/{s.OwnDraft.Id}/revisions", Everyone),
        Get("someone else's revisions", s => $"/admin/articles/{s.Others.Id}/revisions", Moderators),
        Get("the media library", "/admin/media", Publishers),
        Get("someone else's image", s => $"/admin/media/{s.OthersImage.Id}", Publishers),
        Post("describe their own image", s => $"/admin/media/{s.OwnImage.Id}", s => $"/admin/media/{s.OwnImage.Id}", Publishers, Description),
        Post("describe someone else's image", s => $"/admin/media/{s.OthersImage.Id}", s => $"/admin/media/{s.OthersImage.Id}", Moderators, Description),
        Post("delete their own image", s => $"/admin/media/{s.OwnImage.Id}", s => $"/admin/media/{s.OwnImage.Id}?handler=Delete", Publishers, _ => []),
        Post("delete someone else's image", s => $"/admin/media/{s.OthersImage.Id}", s => $"/admin/media/{s.OthersImage.Id}?handler=Delete", Moderators, _ => []),
        Get("the redirects", "/admin/redirects", Moderators),
        Get("the settings", "/admin/settings", Administrators),
        Get("the WordPress import and export page", "/admin/import", Administrators),
        Get("the WordPress export download", "/admin/import?handler=Export", Administrators),
        Post("start a WordPress import (no file chosen)", _ => "/admin/import", _ => "/admin/import", Administrators, _ => []),
        Get("the backup page", "/admin/backup", Administrators),
        Post("start a backup", _ => "/admin/backup", _ => "/admin/backup", Administrators, _ => []),
        Get("their account", "/admin/account", Everyone),
        Get("their password page", "/admin/account/password", Everyone),
        Get("their two-factor page", "/admin/account/two-factor", Everyone),
    ];

    public static TheoryData<string> Roles => [.. StaffRoles.All, Anonymous];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRoleReachesExactlyWhatItMay(string role)
    {
        var scene = await SceneForAsync(role);
        var wrong = new List<string>();
        foreach (var action in Actions)
        {
            var response = await action.Run(scene);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            var outcome = role == Anonymous
                ? (status == 302 && location.Contains("/admin/signin", StringComparison.Ordinal) ? "refused" : $"{status} {location}")
                : status switch
                {
                    403 => "refused",
                    >= 200 and < 300 => "allowed",
                    302 when !location.Contains("/admin/signin", StringComparison.Ordinal) => "allowed",
                    _ => $"{status} {location}",
                };
            var expected = action.Allowed.Contains(role) ? "allowed" : "refused";
            if (outcome != expected)
            {
                wrong.Add($"{role} / {action.Name}: expected {expected}, got {outcome}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private async Task<Scene> SceneForAsync(string role)
    {
        var browser = app.CreateBrowser();
        var userName = role == Anonymous ? null : await app.SignInAsync(browser, role);
        var userId = userName is null
            ? await app.WithDbAsync(db => db.Users.Where(u => u.Slug == "mara-lindqvist").Select(u => u.Id).SingleAsync())
            : await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var others = await app.CreateArticleAsync();
        var draft = await app.CreateArticleAsync(a => { a.AuthorId = userId; a.Status = ArticleStatus.Draft; a.PublishedAt = null; });
        var published = await app.CreateArticleAsync(a => a.AuthorId = userId);
        var pending = await app.AddCommentAsync(others, c => c.Status = CommentStatus.Pending);
        var ownImage = await AddImageAsync(userId);
        var othersImage = await AddImageAsync(others.AuthorId);
        return new Scene(browser, others, draft, published, pending, ownImage, othersImage);
    }

    /// <summary>A library image by <paramref name="uploaderId"/>, its row only: deleting it finds no file to remove.</summary>
    private Task<MediaItem> AddImageAsync(string uploaderId) => app.WithDbAsync(async db =>
    {
        var name = "matrix-" + Guid.NewGuid().ToString("N")[..12];
        var item = new MediaItem
        {
            OriginalFileName = name + ".jpg", Path = $"/media/{name}.jpg", ContentType = "image/jpeg",
            Width = 800, Height = 600, Bytes = 1000, UploadedAt = DateTime.UtcNow, UploadedById = uploaderId,
        };
        db.MediaItems.Add(item);
        await db.SaveChangesAsync();
        return item;
    });

    private static Action Get(string name, string url, string[] allowed) => Get(name, _ => url, allowed);

    private static Action Get(string name, Func<Scene, string> url, string[] allowed) =>
        new(name, allowed, s => s.Browser.GetAsync(new Uri(url(s), UriKind.Relative)));

    /// <summary>
    /// Posts with a valid antiforgery token taken from <paramref name="tokenPage"/> (a page the
    /// role can open), so that only authorization decides the outcome.
    /// </summary>
    private static Action Post(
        string name, Func<Scene, string> tokenPage, Func<Scene, string> url, string[] allowed, Func<Scene, Dictionary<string, string>> fields) =>
        new(name, allowed, async s =>
        {
            var pageUrl = tokenPage(s);
            var page = await s.Browser.GetAsync(new Uri(pageUrl, UriKind.Relative));
            if (!page.IsSuccessStatusCode)
            {
                // Not allowed to see the form: fetch a token from a page anyone can open.
                pageUrl = (int)page.StatusCode == 403 ? "/admin/account" : "/admin/signin";
            }
            return await s.Browser.PostFormAsync(pageUrl, url(s), fields(s));
        });

    private static Dictionary<string, string> Description(Scene _) => new() { ["Form.AltText"] = "Described in the matrix" };

    private static Func<Scene, Dictionary<string, string>> NewArticle(string intent) => _ => new()
    {
        ["Form.Title"] = "Matrix " + Guid.NewGuid().ToString("N")[..8],
        ["Form.Body"] = "A paragraph.",
        ["intent"] = intent,
    };
}
