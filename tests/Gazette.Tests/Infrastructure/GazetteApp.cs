using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The whole app in memory, on a database of its own: a temporary SQLite file, or a fresh
/// PostgreSQL database. Tests drive it over HTTP and look at its database only to arrange data.
/// </summary>
public abstract class GazetteApp : WebApplicationFactory<Program>
{
    private int _sequence;

    protected GazetteApp(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("gazette-test-").FullName;
    }

    /// <summary>Set to keep the data folder when this app is disposed, for a second start on it.</summary>
    public bool KeepData { get; set; }

    public LogCapture Log { get; } = new();

    public string DataDirectory { get; }

    public QueryCounter Queries { get; } = new();

    protected abstract void ConfigureDatabase(IWebHostBuilder builder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Gazette:DataDirectory", DataDirectory);
        // Tests post many comments from one address and often one email; the limits have their own tests.
        builder.UseSetting("Gazette:Comments:MaxCommentsPerEmail", "1000");
        builder.UseSetting("Gazette:Comments:MaxCommentsPerAddress", "1000");
        // Tests post the moment they have the form; the fill-time check has its own test.
        builder.UseSetting("Gazette:Comments:MinimumFillSeconds", "0");
        // Mail counts as set up, so pages say what they say when it is; nothing listens on the discard
        // port, so every message stays in the outbox, where tests read it. The mail tests use a real server.
        builder.UseSetting("Gazette:Mail:Host", "127.0.0.1");
        builder.UseSetting("Gazette:Mail:Port", "9");
        ConfigureDatabase(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Queries));
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>A browser whose cookies are in <paramref name="jar"/>, so a test can copy them, as a thief would.</summary>
    public HttpClient CreateBrowser(CookieContainer jar, string baseAddress = "http://localhost/") =>
        CreateDefaultClient(new Uri(baseAddress), new CookieContainerHandler(jar));

    /// <summary>A cookie-keeping browser that reaches the site by another name (the <c>Host</c> it sends).</summary>
    public HttpClient CreateBrowser(string baseAddress) => CreateBrowser(new CookieContainer(), baseAddress);

    public static string UrlOf(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Gazette.Features.Articles.ArticleLinks.Article(article.PublishedAt!.Value, article.Slug);
    }

    public Task<string> DemoArticleUrlAsync() =>
        WithDbAsync(async db => UrlOf(await db.Articles.SingleAsync(a => a.Slug == "night-ferry-returns-to-kestrel-bay")));

    public string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// Runs <paramref name="action"/> on the database, then empties the page cache: a test that
    /// arranges rows straight in the tables (around the use cases, whose changes evict exactly
    /// what they touch) must not see pages cached before.
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<GazetteDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<GazetteDbContext>());
        await Services.GetRequiredService<PageCacheInvalidation>().EvictAsync(CancellationToken.None, CacheTags.Site);
        return result;
    }

    public Task WithDbAsync(Func<GazetteDbContext, Task> action) =>
        WithDbAsync(async db => { await action(db); return 0; });

    /// <summary>Publishes an article straight into the database, by the demo's reporter.</summary>
    public async Task<Article> CreateArticleAsync(Action<Article>? configure = null)
    {
        return await WithDbAsync(async db =>
        {
            var author = await db.Users.FirstAsync(u => u.Slug == "mara-lindqvist");
            var slug = Unique("story");
            var article = new Article
            {
                Title = "Story " + slug,
                Slug = slug,
                // Its HTML, text and summary are derived on saving, as for any article.
                Body = "## First section\n\nSome words.",
                Status = ArticleStatus.Published,
                CreatedAt = DateTime.UtcNow.AddHours(-1),
                UpdatedAt = DateTime.UtcNow.AddHours(-1),
                PublishedAt = DateTime.UtcNow.AddHours(-1),
                AuthorId = author.Id,
                CommentsOpen = true,
            };
            configure?.Invoke(article);
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            return article;
        });
    }

    public async Task<Comment> AddCommentAsync(Article article, Action<Comment>? configure = null)
    {
        return await WithDbAsync(async db =>
        {
            var comment = new Comment
            {
                ArticleId = article.Id,
                AuthorName = "Reader " + Unique("r"),
                AuthorEmail = Unique("reader") + "@example.org",
                Text = "A comment.",
                Status = CommentStatus.Approved,
                CreatedAt = DateTime.UtcNow,
            };
            configure?.Invoke(comment);
            db.Comments.Add(comment);
            await db.SaveChangesAsync();
            return comment;
        });
    }

    /// <summary>Creates an Administrator and signs <paramref name="client"/> in as them.</summary>
    public Task<string> SignInAsAdministratorAsync(HttpClient client) => SignInAsync(client, StaffRoles.Administrator);

    /// <summary>Creates a member of staff in <paramref name="role"/> and signs <paramref name="client"/> in as them.</summary>
    /// <returns>Their user name; their email is the user name at example.org.</returns>
    public async Task<string> SignInAsync(HttpClient client, string role)
    {
        ArgumentNullException.ThrowIfNull(client);
        var userName = Unique(role.ToLowerInvariant());
        const string password = "correct-horse-Battery-9";
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = userName, Email = userName + "@example.org", DisplayName = "Editor " + userName, Slug = userName };
            var created = await users.CreateAsync(user, password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
        var response = await client.PostFormAsync("/admin/signin", "/admin/signin", new()
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return userName;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepData)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown: the temp folder is cleaned by the OS.
            }
        }
    }
}

public sealed class SqliteApp : GazetteApp
{
    public SqliteApp()
    {
    }

    /// <summary>A second start on the data folder of an earlier app.</summary>
    internal SqliteApp(string dataDirectory) : base(dataDirectory)
    {
    }

    protected override void ConfigureDatabase(IWebHostBuilder builder) =>
        builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
}

/// <summary>
/// Runs on the PostgreSQL server named by GAZETTE_TEST_POSTGRES, which ./test.sh starts.
/// Each fixture gets a database of its own, created by the app's migrations.
/// </summary>
public sealed class PostgreSqlApp : GazetteApp
{
    public const string Variable = "GAZETTE_TEST_POSTGRES";

    private readonly string? _database;

    public PostgreSqlApp()
    {
    }

    /// <summary>An app on an existing database of the test server (one a command-line verb wrote), with its data folder.</summary>
    internal PostgreSqlApp(string database, string dataDirectory) : base(dataDirectory)
    {
        _database = database;
    }

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        if (_database is null)
        {
            UseNewDatabase(builder);
            return;
        }
        builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.PostgreSql));
        builder.UseSetting("ConnectionStrings:Gazette", ConnectionStringFor(_database));
    }

    /// <summary>The connection string of <paramref name="database"/> on the test server.</summary>
    internal static string ConnectionStringFor(string database)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: run ./test.sh, which starts a PostgreSQL server for the tests.");
        }
        return $"{server};Database={database}";
    }

    /// <summary>Points <paramref name="builder"/> at a database of its own on the test server.</summary>
    internal static void UseNewDatabase(IWebHostBuilder builder)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: run ./test.sh, which starts a PostgreSQL server for the tests.");
        }
        var database = "gazette_test_" + Guid.NewGuid().ToString("N")[..12];
        builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.PostgreSql));
        builder.UseSetting("ConnectionStrings:Gazette", $"{server};Database={database}");
    }
}
