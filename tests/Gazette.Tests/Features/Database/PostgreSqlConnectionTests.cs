using Gazette.Data;
using Gazette.Data.PostgreSql;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gazette.Tests.Features.Database;

/// <summary>PostgreSQL connections prepare a page's statements and skip the session reset, unless the operator says otherwise.</summary>
public sealed class PostgreSqlConnectionTests(PostgreSqlApp app) : IClassFixture<PostgreSqlApp>
{
    [Fact]
    public void TheDefaultsApplyOnlyWhereTheConnectionStringIsSilent()
    {
        var silent = new NpgsqlConnectionStringBuilder(PostgreSqlRegistration.WithPreparedStatements("Host=db;Database=gazette"));
        var chosen = new NpgsqlConnectionStringBuilder(
            PostgreSqlRegistration.WithPreparedStatements("Host=db;Database=gazette;Max Auto Prepare=0;No Reset On Close=false"));

        Assert.Equal((64, 2, true), (silent.MaxAutoPrepare, silent.AutoPrepareMinUsages, silent.NoResetOnClose));
        Assert.Equal((0, false), (chosen.MaxAutoPrepare, chosen.NoResetOnClose));
    }

    [Fact]
    public async Task TheAppRunsOnPooledContextsWithPreparedStatements()
    {
        var url = await app.DemoArticleUrlAsync();
        var reader = app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await reader.GetAsync(new Uri(url, UriKind.Relative))).IsSuccessStatusCode);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxAutoPrepare);
        // A context from the pool counts its leases; one made for a single request stays at 0.
        Assert.True(db.ContextId.Lease > 0, $"lease {db.ContextId.Lease}: the context was not pooled");
    }
}
