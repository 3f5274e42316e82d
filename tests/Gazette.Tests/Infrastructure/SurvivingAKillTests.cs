using System.Net;
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
        settings = GazetteProcess.WithQuickReaders(settings);
        var acknowledged = new List<string>();
        var random = new Random();
        for (var round = 0; round < Rounds; round++)
        {
            using var app = GazetteProcess.StartSite(data, settings);
            var client = app.Client;
            await app.WaitUntilReadyAsync();
            var (articleUrl, tokenUrl) = await app.FindTheDemoArticleAsync();

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
            await app.KillAsync();
            await stop.CancelAsync();
            await posting;
        }
        Assert.True(acknowledged.Count > Rounds, $"only {acknowledged.Count} comments were acknowledged");
        // One more start: whatever the last kill left must be readable and complete.
        using (var again = GazetteProcess.StartSite(data, settings))
        {
            await again.WaitUntilReadyAsync();
            await again.KillAsync();
        }
        return acknowledged;
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
