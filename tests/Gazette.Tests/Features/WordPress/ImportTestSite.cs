using System.Data.Common;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// A fresh site for the tests that run imports in processes of their own: its data folder, its settings as
/// environment variables, and a way to look into its database while (or after) they run.
/// </summary>
internal sealed record ImportTestSite(string Data, Dictionary<string, string> Settings, string? PostgreSql)
{
    public static ImportTestSite OnSqlite()
    {
        var data = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        return new ImportTestSite(data, new() { ["Gazette__DataDirectory"] = data }, null);
    }

    public static ImportTestSite OnPostgreSql()
    {
        var data = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        var connection = $"{Environment.GetEnvironmentVariable(PostgreSqlApp.Variable)};Database=gazette_test_{Guid.NewGuid().ToString("N")[..12]}";
        return new ImportTestSite(data, new()
        {
            ["Gazette__DataDirectory"] = data,
            ["Gazette__Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Gazette"] = connection,
        }, connection);
    }

    /// <summary>A connection of the test's own, for looking (read-only on SQLite unless <paramref name="write"/>).</summary>
    public async Task<DbConnection> OpenAsync(bool write = false)
    {
        DbConnection db = PostgreSql is null
            ? new SqliteConnection($"Data Source={Path.Combine(Data, "gazette.db")};Mode={(write ? "ReadWrite" : "ReadOnly")};Pooling=False")
            : new NpgsqlConnection(PostgreSql);
        try
        {
            await db.OpenAsync();
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>A query's one value, numbers as <see cref="long"/>.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var db = await OpenAsync();
        return await ScalarAsync(db, sql);
    }

    public static async Task<object?> ScalarAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is int number ? (long)number : value;
    }

    /// <summary>How many articles the database holds; 0 until the import or the site has made it.</summary>
    public async Task<long> ArticlesAsync()
    {
        try
        {
            return (long)(await ScalarAsync("""SELECT COUNT(*) FROM "Articles" """))!;
        }
        catch (DbException)
        {
            return 0; // no database, or no tables, yet
        }
    }
}
