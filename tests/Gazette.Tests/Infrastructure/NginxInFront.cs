using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Gazette.Infrastructure;
using Npgsql;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A site as production runs it with several instances (README, "Running it in production"): two app
/// processes, A and B, on one fresh PostgreSQL database, one Redis and one shared data folder, sending
/// mail to a loopback SMTP server, behind a real nginx with the repository's proxy settings. Shared by
/// the tests of <see cref="NginxInFrontTests"/>; everything is stopped and removed at the end.
/// </summary>
public sealed partial class NginxInFront : IAsyncLifetime
{
    /// <summary>A database of Redis's own (the configuration string's defaultDatabase), apart from other tests' pages.</summary>
    private const int RedisDatabase = 7;

    private readonly string _data = Directory.CreateTempSubdirectory("gazette-nginx-site-").FullName;
    private bool _disposed;

    public GazetteProcess A { get; private set; } = null!;

    public GazetteProcess B { get; private set; } = null!;

    public NginxProcess Nginx { get; private set; } = null!;

    public SmtpSink Mail { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The first-run Administrator's password, as A printed it on the first start.</summary>
    public string AdministratorPassword { get; private set; } = "";

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Whatever started is stopped even when the start fails half-way.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgreSqlApp.Variable);
        var redis = Environment.GetEnvironmentVariable("GAZETTE_TEST_REDIS");
        Assert.False(string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(redis),
            "GAZETTE_TEST_POSTGRES or GAZETTE_TEST_REDIS is not set: run ./test.sh, which starts both for the tests.");
        ConnectionString = $"{postgres};Database=gazette_test_{Guid.NewGuid().ToString("N")[..12]}";
        // A slow mail server (a second a message): a batch keeps one instance's sender busy long enough for the
        // other's to start its round, so the two contend for the same messages.
        Mail = new SmtpSink(TestTools.FreePort(), answerAfter: TimeSpan.FromSeconds(1));
        var nginxPort = TestTools.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Gazette__Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Gazette"] = ConnectionString,
            ["Gazette__Redis__Configuration"] = $"{redis},defaultDatabase={RedisDatabase}",
            ["Gazette__Site__Url"] = $"http://127.0.0.1:{nginxPort}",
            ["Gazette__Mail__Host"] = "127.0.0.1",
            ["Gazette__Mail__Port"] = Mail.Port.ToString(CultureInfo.InvariantCulture),
        };
        // A first, alone: it migrates the new database and makes the first Administrator; then B joins it.
        // Test readers post at once and often, all from nginx's one address.
        var settings = GazetteProcess.WithQuickReaders(environment);
        A = GazetteProcess.StartSite(_data, settings);
        await A.WaitUntilReadyAsync();
        AdministratorPassword = await FirstRunPasswordAsync(A);
        B = GazetteProcess.StartSite(_data, settings);
        await B.WaitUntilReadyAsync();
        Nginx = await NginxProcess.StartAsync(nginxPort, A.Port, B.Port);
    }

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Nginx?.Dispose();
        B?.Dispose();
        A?.Dispose();
        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>A browser that talks to <paramref name="address"/> (nginx, A or B), keeping its cookies in <paramref name="cookies"/>.</summary>
    public static HttpClient Browser(Uri address, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Signs <paramref name="browser"/> in as the first Administrator (a redirect to the newsroom).</summary>
    public async Task SignInAsync(HttpClient browser)
    {
        var response = await browser.PostFormAsync("/admin/signin", "/admin/signin", new()
        {
            ["UserName"] = "admin", ["Password"] = AdministratorPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The demo article's path and its comment form's token address, as a reader's browser finds them.</summary>
    public static async Task<(string ArticleUrl, string TokenUrl)> DemoArticleAsync(HttpClient browser)
    {
        var parser = new HtmlParser();
        var home = parser.ParseDocument(await browser.GetStringAsync(new Uri("/", UriKind.Relative)));
        var link = new Uri(home.QuerySelector("a[href*='night-ferry-returns-to-kestrel-bay']")!.GetAttribute("href")!, UriKind.RelativeOrAbsolute);
        var articleUrl = link.IsAbsoluteUri ? link.PathAndQuery : link.OriginalString;
        var page = parser.ParseDocument(await browser.GetStringAsync(new Uri(articleUrl, UriKind.Relative)));
        return (articleUrl, page.QuerySelector("form.comment-form")!.GetAttribute("data-token-url")!);
    }

    /// <summary>Posts a comment with a token fetched just before, as conversation.js does; the answer's status.</summary>
    public static async Task<HttpStatusCode> PostCommentAsync(
        HttpClient tokenFrom, HttpClient postTo, (string ArticleUrl, string TokenUrl) article, string email, string text, bool notifyReplies = false)
    {
        var token = await tokenFrom.GetStringAsync(new Uri(article.TokenUrl, UriKind.Relative));
        var fields = new Dictionary<string, string>
        {
            ["Form.Token"] = token, ["Form.Name"] = "Reader", ["Form.Email"] = email, ["Form.Text"] = text,
        };
        if (notifyReplies)
        {
            fields["Form.NotifyReplies"] = "true";
        }
        using var response = await postTo.PostAsync(new Uri(article.ArticleUrl, UriKind.Relative), new FormUrlEncodedContent(fields));
        return response.StatusCode;
    }

    /// <summary>Runs a query on the site's database directly, as a check from outside the app.</summary>
    public async Task<T> QueryAsync<T>(string sql, Func<NpgsqlDataReader, Task<T>> read, params (string Name, object Value)[] parameters)
    {
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync();
        return await read(reader);
    }

    /// <summary>The texts of every stored comment.</summary>
    public Task<HashSet<string>> CommentTextsAsync() => QueryAsync("SELECT \"Text\" FROM \"Comments\"", async reader =>
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    });

    /// <summary>The password the first start logs once it listens (FirstRun), read from the process's console.</summary>
    private static async Task<string> FirstRunPasswordAsync(GazetteProcess app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (PasswordLine().Match(app.Output) is { Success: true } found)
            {
                return found.Groups[1].Value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the first start printed no Administrator password:\n" + app.Output);
    }

    [GeneratedRegex(@"Password:\s+(\S+)")]
    private static partial Regex PasswordLine();
}
