using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Gazette.Tests.Pages;

/// <summary>
/// <c>/healthz</c> says the process answers; <c>/healthz/ready</c> says it can serve the site: the
/// database answers with every migration applied. Never cached, and nothing of the set-up named.
/// </summary>
public abstract class HealthChecksTests(GazetteApp app)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/healthz/ready")]
    public async Task AHealthySiteAnswersBothChecksWithOneWordNeverCached(string path)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}

public sealed class HealthChecksOnSqlite(SqliteApp app) : HealthChecksTests(app), IClassFixture<SqliteApp>;

public sealed class HealthChecksOnPostgreSql(PostgreSqlApp app) : HealthChecksTests(app), IClassFixture<PostgreSqlApp>;

/// <summary>A site whose database file is gone is alive but not ready, and says so with a 503.</summary>
public sealed class HealthChecksWithoutTheDatabase
{
    [Fact]
    public async Task ASiteWhoseDatabaseIsGoneIsAliveButNotReady()
    {
        using var app = new SqliteApp();
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);
        var file = Path.Combine(app.DataDirectory, "gazette.db");
        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".away");
        try
        {
            // A new, empty database file is all there is now: none of the migrations is in it.
            var ready = await browser.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Move(file + ".away", file, overwrite: true);
        }
    }
}
