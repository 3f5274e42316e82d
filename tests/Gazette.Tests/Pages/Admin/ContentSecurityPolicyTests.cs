using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Pages.Admin;

/// <summary>The site's Content-Security-Policy allows no inline style or script: the newsroom's forms use none.</summary>
public sealed class ContentSecurityPolicyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/articles")]
    [InlineData("/admin/articles/edit")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/account")]
    public async Task FormsCarryNoInlineStyleOrScript(string url)
    {
        var administrator = app.CreateBrowser();
        await app.SignInAsAdministratorAsync(administrator);

        var response = await administrator.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Empty(page.QuerySelectorAll("[style], style"));
        Assert.All(page.QuerySelectorAll("script"), script => Assert.True(script.HasAttribute("src"), script.OuterHtml));
    }
}
