using System.Data;
using System.IO.Compression;
using System.Text.Json;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gazette.Features.Backup;

/// <summary>
/// PostgreSQL, with no pg_dump at hand: every table of the model (Identity's, join tables, the keys, the
/// migrations history) copied out in binary COPY format inside one REPEATABLE READ, READ ONLY transaction,
/// so all tables show the same moment while the site keeps writing. Restoring empties the tables and
/// copies them back in foreign-key order in one transaction, then moves every identity sequence past the
/// highest id. Binary COPY needs the same column types at both ends, which the same migration guarantees.
/// </summary>
internal sealed class PostgreSqlSnapshot : IDatabaseSnapshot
{
    private const string TablesEntry = "tables.json";
    private const string History = "__EFMigrationsHistory";

    private sealed record TableCopy(string Table, IReadOnlyList<string> Columns, string Entry);

    public async Task WriteAsync(GazetteDbContext db, BackupArchiveWriter archive, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await ExecuteAsync(connection, "SET TRANSACTION READ ONLY", cancellationToken);
        var copies = new List<TableCopy>();
        var tables = TablesInLoadOrder(db).Append(History).ToList();
        foreach (var table in tables)
        {
            progress?.Report(new BackupProgress("Database", copies.Count, tables.Count, table));
            var copy = new TableCopy(table, await ColumnsAsync(connection, table, cancellationToken), $"database/{table}.copy");
            await archive.AddAsync(copy.Entry, async target =>
            {
                await using var source = await connection.BeginRawBinaryCopyAsync(
                    $"COPY {Quote(table)} ({string.Join(", ", copy.Columns.Select(Quote))}) TO STDOUT (FORMAT BINARY)", cancellationToken);
                await source.CopyToAsync(target, cancellationToken);
            }, CompressionLevel.Optimal);
            copies.Add(copy);
        }
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(new BackupProgress("Database", tables.Count, tables.Count));
        await archive.AddAsync("database/" + TablesEntry, target => JsonSerializer.SerializeAsync(target, copies, cancellationToken: cancellationToken), CompressionLevel.Optimal);
    }

    public async Task LoadAsync(GazetteDbContext db, string folder, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        List<TableCopy>? copies;
        await using (var list = File.OpenRead(Path.Combine(folder, TablesEntry)))
        {
            copies = await JsonSerializer.DeserializeAsync<List<TableCopy>>(list, cancellationToken: cancellationToken);
        }
        var known = TablesInLoadOrder(db).ToHashSet(StringComparer.Ordinal);
        if (copies is null || copies.Any(c => c.Table != History && !known.Contains(c.Table)))
        {
            throw new BackupRefusedException("The archive's list of tables does not match this version of Gazette. Nothing was changed.");
        }
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // What the site holds (or, on a new one, what the first start wrote: the staff roles, settings, keys)
        // makes way for the site being restored; readers wait on the tables' locks until the commit, then see it whole.
        await ExecuteAsync(connection, $"TRUNCATE {string.Join(", ", known.Select(Quote))} RESTART IDENTITY", cancellationToken);
        // The history is already the archive's: restoring needs the same migration id.
        var loads = copies.Where(c => c.Table != History).ToList();
        for (var i = 0; i < loads.Count; i++)
        {
            var copy = loads[i];
            progress?.Report(new BackupProgress("Database", i, loads.Count, copy.Table));
            await using var target = await connection.BeginRawBinaryCopyAsync(
                $"COPY {Quote(copy.Table)} ({string.Join(", ", copy.Columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            await using var source = File.OpenRead(Path.Combine(folder, Path.GetFileName(copy.Entry)));
            await source.CopyToAsync(target, cancellationToken);
        }
        await ResetSequencesAsync(connection, cancellationToken);
        // Not cancelled: a stop racing the commit could otherwise be told of after the server committed, and the
        // media folder would go back to the replaced site's beside the restored database.
        await transaction.CommitAsync(CancellationToken.None);
        progress?.Report(new BackupProgress("Database", loads.Count, loads.Count));
    }

    /// <summary>The model's tables, each after the tables its foreign keys point at (a cycle is broken where it is found).</summary>
    private static List<string> TablesInLoadOrder(GazetteDbContext db)
    {
        var tables = db.Model.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Visit(string name)
        {
            if (done.Contains(name) || !visiting.Add(name))
            {
                return;
            }
            foreach (var key in tables[name].ForeignKeyConstraints)
            {
                Visit(key.PrincipalTable.Name);
            }
            done.Add(name);
            order.Add(name);
        }
        foreach (var name in tables.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name);
        }
        return order;
    }

    private static async Task<IReadOnlyList<string>> ColumnsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """, connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    private static async Task ResetSequencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var identities = new List<(string Table, string Column)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                identities.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (table, column) in identities)
        {
            await using var setval = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE(MAX({Quote(column)}), 0) + 1, false) FROM {Quote(table)}", connection);
            setval.Parameters.AddWithValue("table", Quote(table));
            setval.Parameters.AddWithValue("column", column);
            await setval.ExecuteScalarAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
