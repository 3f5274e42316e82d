using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gazette.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A stop (SIGTERM, as systemd sends it) is graceful: the real app runs as a process; a reader's comment is
/// half sent when the stop comes; the app stops listening at once, but waits for the comment, which gets its
/// normal acknowledgement and is stored; then the app exits with code 0, its background services (the outbox,
/// scheduled publishing, the import queue…) having stopped without logging an error.
/// </summary>
public sealed class StoppingGracefullyTests
{
    /// <summary>How long the rest of the comment is held back once the stop has come.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task OnSqliteACommentInFlightWhenTheStopComesIsAcknowledgedAndStored()
    {
        var data = Directory.CreateTempSubdirectory("gazette-stop-").FullName;
        var text = await PostWhileStoppingAsync(data, new Dictionary<string, string>());

        await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "gazette.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        Assert.Equal(1L, await CountAsync(db, text));
    }

    [Fact]
    public async Task OnPostgreSqlACommentInFlightWhenTheStopComesIsAcknowledgedAndStored()
    {
        var connection = $"{Environment.GetEnvironmentVariable(PostgreSqlApp.Variable)};Database=gazette_test_{Guid.NewGuid().ToString("N")[..12]}";
        var data = Directory.CreateTempSubdirectory("gazette-stop-").FullName;
        var text = await PostWhileStoppingAsync(data, new Dictionary<string, string>
        {
            ["Gazette__Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Gazette"] = connection,
        });

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        Assert.Equal(1L, await CountAsync(db, text));
    }

    /// <summary>Posts a comment, stops the app halfway through sending it, and checks how the app stops. Returns the comment's text.</summary>
    private static async Task<string> PostWhileStoppingAsync(string data, Dictionary<string, string> settings)
    {
        using var app = GazetteProcess.StartSite(data, GazetteProcess.WithQuickReaders(settings));
        await app.WaitUntilReadyAsync();
        var (articleUrl, tokenUrl) = await app.FindTheDemoArticleAsync();
        var text = $"Posted while the site was stopping: {Guid.NewGuid():N}";
        var form = await new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Token"] = await app.Client.GetStringAsync(new Uri(tokenUrl, UriKind.Relative)),
            ["Form.Name"] = "Late Reader", ["Form.Email"] = "late@example.org", ["Form.Text"] = text,
        }).ReadAsStringAsync();
        using var body = new HalfNowHalfLater(form);

        var posting = app.Client.PostAsync(new Uri(articleUrl, UriKind.Relative), body);
        await body.HalfSent.WaitAsync(TimeSpan.FromSeconds(30));
        await app.TerminateAsync();
        Assert.True(await RefusesNewConnectionsAsync(app.Port), "the app still took new connections after the stop");
        await Task.Delay(Pause);
        Assert.False(app.HasExited, "the app exited with a request in flight");
        body.SendTheRest();

        using var response = await posting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(25)), "the app did not exit within its shutdown timeout");
        var output = await app.OutputAsync();
        Assert.Equal(0, app.ExitCode);
        // From the stop on: a first start on PostgreSQL logs its look for a database it then creates.
        var stopping = output.IndexOf("Application is shutting down", StringComparison.Ordinal);
        Assert.True(stopping >= 0, $"the app did not say it was shutting down:\n{output}");
        foreach (var trouble in new[] { "fail:", "crit:", "Unhandled exception" })
        {
            Assert.False(output.IndexOf(trouble, stopping, StringComparison.Ordinal) >= 0, $"the app logged \"{trouble}\" while stopping:\n{output[stopping..]}");
        }
        return text;
    }

    /// <summary>Whether connecting to the port is refused (not merely slow) within a few seconds.</summary>
    private static async Task<bool> RefusesNewConnectionsAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Queued on the listener as it closed: try again, until nothing listens at all.
            }
            await Task.Delay(50);
        }
        return false;
    }

    private static async Task<long> CountAsync(DbConnection db, string text)
    {
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Comments\" WHERE \"Text\" = @text";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "text";
        parameter.Value = text;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A form body sent as a slow reader's connection sends it: the first half now, the rest when told.</summary>
    private sealed class HalfNowHalfLater : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HalfNowHalfLater(string form)
        {
            _bytes = Encoding.ASCII.GetBytes(form);
            Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        /// <summary>Done once the first half has left (the request's headers with it).</summary>
        public Task HalfSent => _halfSent.Task;

        public void SendTheRest() => _rest.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await _rest.Task;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
