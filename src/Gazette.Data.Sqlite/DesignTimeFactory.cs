using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gazette.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteGazetteDbContext>
{
    public SqliteGazetteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGazetteDbContext>().UseSqlite("Data Source=design.db").Options);
}
