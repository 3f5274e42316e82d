using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using Gazette.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A comment the reader saw acknowledged (the redirect after posting) survives the app being killed
/// (SIGKILL, no shutdown at all) at any moment: the real app runs as a process, a reader posts as fast
/// as it can, the process is killed at a random moment, started again, and every acknowledged comment
/// is there; on SQLite the database file passes its integrity check.
/// </summary>
public sealed class SurvivingAKillTests
{
    private const int Rounds = 3;

    [Fact]
    public async Task OnSqliteEveryAcknowledgedCommentIsStoredAfterAKill()
    {
        var data = Directory.CreateTempSubdirectory("gazette-kill-").FullName;
        var acknowledged = await PostThroughKillsAsync(data, new Dictionary<string, string>());

        await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "gazette.db")};Mode=ReadOnly");
        await db.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(db, "PRAGMA integrity_check"));
        var stored = await TextsAsync(db);
        Assert.Empty(acknowledged.Except(stored));
    }

    [Fact]
    public async Task OnPostgreSqlEveryAcknowledgedCommentIsStoredAfterAKill()
    {
        var server = Environment.GetEnvironmentVariable(PostgreSqlApp.Variable)!;
        var connection = $"{server};Database=gazette_test_{Guid.NewGuid().ToString("N")[..12]}";
        var data = Directory.CreateTempSubdirectory("gazette-kill-").FullName;
        var acknowledged = await PostThroughKillsAsync(data, new()
        {
            ["Gazette__Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Gazette"] = connection,
        });

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var stored = await TextsAsync(db);
        Assert.Empty(acknowledged.Except(stored));
    }

    /// <summary>Rounds of: start, post until killed, note what was acknowledged. Returns every acknowledged text.</summary>
    private static async Task<List<string>> PostThroughKillsAsync(string data, Dictionary<string, string> settings)
    {
        var acknowledged = new List<string>();
        var random = new Random();
        for (var round = 0; round < Rounds; round++)
        {
            var port = FreePort();
            using var app = Start(data, port, settings);
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilReadyAsync(client, app);
            var (articleUrl, tokenUrl) = await FindTheDemoArticleAsync(client);

            using var stop = new CancellationTokenSource();
            var posting = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var text = $"Round {round}, comment {i}: {Guid.NewGuid():N}";
                    try
                    {
                        var token = await client.GetStringAsync(new Uri(tokenUrl, UriKind.Relative));
                        var response = await client.PostAsync(new Uri(articleUrl, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["Form.Token"] = token, ["Form.Name"] = "Quick Reader", ["Form.Email"] = $"reader{round}@example.org", ["Form.Text"] = text,
                        }));
                        if (response.StatusCode == HttpStatusCode.Redirect)
                        {
                            lock (acknowledged)
                            {
                                acknowledged.Add(text);
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // killed mid-request: not acknowledged
                    }
                }
            });
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(800, 2500)));
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            await stop.CancelAsync();
            await posting;
        }
        Assert.True(acknowledged.Count > Rounds, $"only {acknowledged.Count} comments were acknowledged");
        // One more start: whatever the last kill left must be readable and complete.
        var last = FreePort();
        using (var again = Start(data, last, settings))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{last}/") };
            await WaitUntilReadyAsync(client, again);
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
        }
        return acknowledged;
    }

    private static Process Start(string data, int port, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(GazetteOptions).Assembly.Location, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        start.Environment["Gazette__DataDirectory"] = data;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Gazette__Comments__MinimumFillSeconds"] = "0";
        start.Environment["Gazette__Comments__MaxCommentsPerAddress"] = "100000";
        start.Environment["Gazette__Comments__MaxCommentsPerEmail"] = "100000";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        // Drained so a full pipe never stalls the app.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process app)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(app.HasExited, "the app stopped while starting");
            try
            {
                if ((await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the app did not become ready");
    }

    private static async Task<(string ArticleUrl, string TokenUrl)> FindTheDemoArticleAsync(HttpClient client)
    {
        var parser = new HtmlParser();
        var home = parser.ParseDocument(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        var articleUrl = home.QuerySelector("a[href*='night-ferry-returns-to-kestrel-bay']")!.GetAttribute("href")!;
        var page = parser.ParseDocument(await client.GetStringAsync(new Uri(articleUrl, UriKind.Relative)));
        return (articleUrl, page.QuerySelector("form.comment-form")!.GetAttribute("data-token-url")!);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    private static async Task<HashSet<string>> TextsAsync(System.Data.Common.DbConnection db)
    {
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT \"Text\" FROM \"Comments\"";
        var texts = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }
}
