using Microsoft.EntityFrameworkCore;

namespace Gazette.Data.PostgreSql;

public sealed class PostgreSqlGazetteDbContext(DbContextOptions<PostgreSqlGazetteDbContext> options)
    : GazetteDbContext(options);
