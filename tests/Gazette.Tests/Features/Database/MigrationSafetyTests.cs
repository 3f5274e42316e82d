using Gazette.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gazette.Tests.Features.Database;

/// <summary>
/// Upgrades must keep every row. SQLite cannot add a foreign key or change a column in place, so
/// EF rebuilds the table instead (copy into ef_temp_…, drop, rename) with foreign keys switched off
/// by a PRAGMA that has no effect inside the upgrade's transaction: dropping the old table then
/// cascades into every table that references it. Migrations must get by without rebuilds.
/// </summary>
public sealed class MigrationSafetyTests
{
    [Fact]
    public void NoSqliteMigrationRebuildsATable()
    {
        using var db = new SqliteGazetteDbContext(
            new DbContextOptionsBuilder<SqliteGazetteDbContext>().UseSqlite("Data Source=:memory:").Options);
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();
        Assert.NotEmpty(migrations);

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE \"Articles\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("ef_temp_", script, StringComparison.Ordinal);
    }
}
