using Gazette.Data;
using Gazette.Features.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages;

public sealed class CommenterPrivacyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Dictionary<string, string> Fields(bool remember) => new()
    {
        ["Form.Name"] = "Petra Lund",
        ["Form.Email"] = app.Unique("petra") + "@example.org",
        ["Form.Website"] = "https://petra.example.org",
        ["Form.Text"] = "Thank you for covering this. " + app.Unique("t"),
        ["Form.Remember"] = remember ? "true" : "false",
    };

    [Fact]
    public async Task TheSaveMyDetailsBoxIsUncheckedAtFirst()
    {
        var page = await app.CreateBrowser().GetDocumentAsync(await app.DemoArticleUrlAsync());
        var box = page.QuerySelector("input[type=checkbox][name='Form.Remember']")!;
        Assert.False(box.HasAttribute("checked"));
        Assert.Contains("Save my name, email and website in this browser", page.QuerySelector("label[for=Form_Remember]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepsTheDetailsOutOfEveryCookieAndEveryPageEvenWhenAskedToSaveThem()
    {
        // "Save my details" is kept by the reader's own browser (conversation.js, local storage):
        // the page is cached and the same for everyone, so the server neither reads nor writes them.
        var url = GazetteApp.UrlOf(await app.CreateArticleAsync());
        var browser = app.CreateBrowser();
        var fields = Fields(remember: true);

        var response = await browser.PostFormAsync(url, url, fields);
        var cookies = string.Join("\n", response.Headers.TryGetValues("Set-Cookie", out var values) ? values : []);
        Assert.Contains("gazette_c", cookies, StringComparison.Ordinal); // the edit window's cookie, which holds no details
        foreach (var detail in new[] { fields["Form.Email"], "Petra", "petra.example.org" })
        {
            Assert.DoesNotContain(detail, cookies, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Uri.EscapeDataString(detail), cookies, StringComparison.OrdinalIgnoreCase);
        }
        var next = await browser.GetDocumentAsync(url);
        Assert.Empty(next.QuerySelector("input[name='Form.Name']")!.GetAttribute("value") ?? "");
        Assert.Empty(next.QuerySelector("input[name='Form.Email']")!.GetAttribute("value") ?? "");
        Assert.DoesNotContain(fields["Form.Email"], next.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:weak hash", Justification = "The test checks that these unkeyed hashes are not what the site uses.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:broken hash", Justification = "The test checks that these unkeyed hashes are not what the site uses.")]
    public async Task DrawsTheSameAvatarForTheSameEmailFromAKeyedHashOnly()
    {
        var article = await app.CreateArticleAsync();
        var url = GazetteApp.UrlOf(article);
        var email = app.Unique("avatar") + "@example.org";
        var first = Fields(remember: false);
        first["Form.Email"] = email;
        var second = Fields(remember: false);
        second["Form.Email"] = email.ToUpperInvariant();
        await app.CreateBrowser().PostFormAsync(url, url, first);
        await app.CreateBrowser().PostFormAsync(url, url, second);

        var seeds = await app.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == article.Id).Select(c => c.AvatarSeed).ToListAsync());
        Assert.Equal(2, seeds.Count);
        Assert.NotNull(seeds[0]);
        Assert.Equal(seeds[0], seeds[1]);
        var bytes = System.Text.Encoding.UTF8.GetBytes(email);
        foreach (var unkeyed in new[] { System.Security.Cryptography.MD5.HashData(bytes), System.Security.Cryptography.SHA1.HashData(bytes), System.Security.Cryptography.SHA256.HashData(bytes) })
        {
            Assert.False(Convert.ToHexStringLower(unkeyed).StartsWith(seeds[0]!, StringComparison.Ordinal));
        }

        await app.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == article.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CommentStatus.Approved)));
        var html = await app.CreateBrowser().GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("Petra Lund", html, StringComparison.Ordinal);
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(seeds[0]!, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgetsAddressesOlderThanTheRetentionPeriod()
    {
        var article = await app.CreateArticleAsync();
        var old = await app.AddCommentAsync(article, c => { c.AuthorIp = "198.51.100.0"; c.CreatedAt = DateTime.UtcNow.AddDays(-31); });
        var recent = await app.AddCommentAsync(article, c => { c.AuthorIp = "198.51.100.0"; c.CreatedAt = DateTime.UtcNow.AddDays(-29); });

        var purged = await app.Services.GetRequiredService<PurgeOldAddresses>().RunOnceAsync(CancellationToken.None);

        Assert.True(purged >= 1);
        Assert.Null(await app.WithDbAsync(db => db.Comments.Where(c => c.Id == old.Id).Select(c => c.AuthorIp).SingleAsync()));
        Assert.Equal("198.51.100.0", await app.WithDbAsync(db => db.Comments.Where(c => c.Id == recent.Id).Select(c => c.AuthorIp).SingleAsync()));
    }
}
