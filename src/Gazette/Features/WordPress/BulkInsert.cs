using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gazette.Features.WordPress;

/// <summary>
/// Writes many rows into one table within the context's current transaction, without the change
/// tracker. Each provider gets its fast path: SQLite runs one prepared single-row statement again
/// and again (it binds parameters by name in a linear scan, so a statement with thousands of them
/// spends its time binding); PostgreSQL gets multi-row statements, one round trip for many rows.
/// </summary>
internal static class BulkInsert
{
    private const int PostgreSqlRowsPerStatement = 500;

    /// <summary>Inserts <paramref name="rows"/>, each holding one value per column in order (null for NULL).</summary>
    public static async Task ExecuteAsync(
        DatabaseFacade database, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var connection = database.GetDbConnection();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = database.CurrentTransaction?.GetDbTransaction();
            var rowsPerStatement = database.IsNpgsql() ? PostgreSqlRowsPerStatement : 1;
            DbCommand? single = null;
            var prepared = false;
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                if (chunk.Length == 1 && single is null)
                {
                    single = Command(connection, transaction, table, columns, 1);
                }
                var command = chunk.Length == 1 ? single! : Command(connection, transaction, table, columns, chunk.Length);
                try
                {
                    for (var row = 0; row < chunk.Length; row++)
                    {
                        if (chunk[row].Length != columns.Count)
                        {
                            throw new ArgumentException($"A row for {table} has {chunk[row].Length} values for {columns.Count} columns.", nameof(rows));
                        }
                        for (var column = 0; column < columns.Count; column++)
                        {
                            command.Parameters[row * columns.Count + column].Value = chunk[row][column] ?? DBNull.Value;
                        }
                    }
                    if (command == single && !prepared)
                    {
                        // Once its values are set: Npgsql infers the parameters' types from them.
                        await command.PrepareAsync(cancellationToken);
                        prepared = true;
                    }
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                finally
                {
                    if (command != single)
                    {
                        await command.DisposeAsync();
                    }
                }
            }
            if (single is not null)
            {
                await single.DisposeAsync();
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<string> columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("INSERT INTO \"").Append(table).Append("\" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Count; column++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + (row * columns.Count + column).ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(parameter);
                sql.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        return command;
    }
}
