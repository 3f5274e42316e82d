using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Pages.Admin;

/// <summary>The pages before signing in say whose newsroom this is and lead back to the site.</summary>
public sealed class SignInPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/admin/signin")]
    [InlineData("/admin/forgot-password")]
    public async Task CarriesTheSitesNameAndAWayBack(string path)
    {
        var page = await app.CreateBrowser().GetDocumentAsync(path);

        Assert.EndsWith("– The Gazette newsroom", page.Title, StringComparison.Ordinal);
        Assert.Equal("The Gazette newsroom", page.TextOf(".admin-home"));
        Assert.Equal("Back to The Gazette", page.QuerySelector("nav.admin-nav a[href='/']")?.TextContent.Trim());
    }
}
