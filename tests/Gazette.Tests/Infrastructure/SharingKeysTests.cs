using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The Data Protection keys live in the database: two instances of the site on one PostgreSQL database
/// (each with a data folder of its own) accept each other's sign-in cookies and form tokens; and a site
/// from before, whose keys were files in its data folder, keeps them.
/// </summary>
public sealed class SharingKeysTests
{
    [Fact]
    public async Task ASignInAndAFormTokenMadeByOneInstanceWorkOnAnother()
    {
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        using var first = new InstanceApp(database);
        var jar = new CookieContainer();
        var onFirst = first.CreateBrowser(jar);
        await first.SignInAsAdministratorAsync(onFirst);
        using var second = new InstanceApp(database);
        var onSecond = second.CreateBrowser(jar);

        var dashboard = await onSecond.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(1, await first.WithDbAsync(db => db.Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().CountAsync()));

        // A reader opens the article on the first instance and posts the form to the second.
        var article = await first.CreateArticleAsync(a => a.Title = "One site, two servers");
        var url = GazetteApp.UrlOf(article);
        var page = await first.CreateBrowser().GetDocumentAsync(url);
        var token = page.QuerySelector("input[name='Form.Token']")!.GetAttribute("value")!;
        var text = "Posted through the other server. " + first.Unique("c");
        var posted = await second.CreateBrowser().PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Token"] = token, ["Form.Name"] = "Edda", ["Form.Email"] = first.Unique("edda") + "@example.org", ["Form.Text"] = text,
        }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.True(await first.WithDbAsync(db => db.Comments.AnyAsync(c => c.Text == text)));
    }

    [Fact]
    public async Task KeysASiteKeptAsFilesComeIntoTheDatabaseAndStillOpenWhatTheyProtected()
    {
        var data = Directory.CreateTempSubdirectory("gazette-keys-").FullName;
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Gazette").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));
        string sealedText;
        await using (var old = services.BuildServiceProvider())
        {
            sealedText = old.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("kept across the upgrade");
        }

        using var app = new SqliteApp(data);
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        Assert.Equal("kept across the upgrade", protector.Unprotect(sealedText));
    }

    private sealed class InstanceApp(string database) : GazetteApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting("ConnectionStrings:Gazette", $"{Environment.GetEnvironmentVariable(PostgreSqlApp.Variable)};Database={database}");
        }
    }
}
