using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gazette.Data.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a running server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlGazetteDbContext>
{
    public PostgreSqlGazetteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlGazetteDbContext>().UseNpgsql("Host=localhost;Database=gazette").Options);
}
