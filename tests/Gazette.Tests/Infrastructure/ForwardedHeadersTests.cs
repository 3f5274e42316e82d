using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Behind nginx the reader's address and scheme arrive in X-Forwarded-* headers. They are believed from
/// the configured proxies only (this machine by default), and ignored from anyone else. Through Kestrel,
/// as the test server has no client address of its own.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task AProxyOnThisMachineGivesTheReadersAddressToTheirComment()
    {
        using var app = new ProxiedApp();
        var stored = await PostCommentThroughAsync(app, "203.0.113.77");

        Assert.Equal("203.0.113.0", stored.AuthorIp);
    }

    [Fact]
    public async Task ForwardedHeadersFromAnAddressNotConfiguredAreIgnored()
    {
        // The site trusts a proxy elsewhere; the request comes from this machine, which is not that proxy.
        using var app = new ProxiedApp(("Gazette:Proxy:KnownProxies:0", "192.0.2.10"));
        var stored = await PostCommentThroughAsync(app, "203.0.113.77");

        Assert.Equal("127.0.0.0", stored.AuthorIp);
    }

    [Fact]
    public async Task TheForwardedSchemeMakesCookiesSecureOnlyFromATrustedProxy()
    {
        using var trusted = new ProxiedApp();
        using var untrusted = new ProxiedApp(("Gazette:Proxy:KnownNetworks:0", "10.0.0.0/8"));

        Assert.Contains("secure", await SignInCookieAsync(trusted), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SignInCookieAsync(untrusted), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AProxyThatIsNotAnAddressStopsTheSiteAtStart()
    {
        using var app = new ProxiedApp(("Gazette:Proxy:KnownProxies:0", "the-proxy"));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("KnownProxies must be IP addresses", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> SignInCookieAsync(ProxiedApp app)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("\n", response.Headers.GetValues("Set-Cookie"));
    }

    private static async Task<Comment> PostCommentThroughAsync(ProxiedApp app, string readerAddress)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", readerAddress);
        var article = await app.CreateArticleAsync(a => a.Title = "Harbour lights");
        var url = GazetteApp.UrlOf(article);
        var text = "Seen from the quay at dusk. " + app.Unique("c");

        var posted = await client.PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Ilse",
            ["Form.Email"] = app.Unique("ilse") + "@example.org",
            ["Form.Text"] = text,
        });

        // The client follows the redirect to the page, which shows the comment awaiting moderation.
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return await app.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Text == text));
    }

    private sealed class ProxiedApp : GazetteApp
    {
        private readonly (string Key, string Value)[] _settings;

        public ProxiedApp(params (string Key, string Value)[] settings)
        {
            _settings = settings;
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }

        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
