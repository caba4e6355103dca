using EnterpriseMcp.Tools.Db.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace EnterpriseMcp.Tools.Db.Databases.Sqlite;

/// <summary>
/// The embedded database. Reads go through a connection SQLite itself keeps read-only: opened with
/// <c>Mode=ReadOnly</c>, <c>PRAGMA query_only</c>, and no other database may be attached (which is also how
/// <c>VACUUM INTO</c> would write a file). Writes (when allowed) use a separate read-write connection.
/// </summary>
internal sealed class SqliteDatabase(IOptions<DbOptions> options) : IDatabase
{
    private readonly DbOptions _options = options.Value;
    private readonly string _readOnly = new SqliteConnectionStringBuilder
    {
        DataSource = options.Value.EmbeddedDatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = true,
    }.ToString();

    private readonly string _readWrite = new SqliteConnectionStringBuilder
    {
        DataSource = options.Value.EmbeddedDatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = true,
    }.ToString();

    public string Kind => "SQLite";

    public Task<QueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken, params object?[] parameters) =>
        RunAsync(_readOnly, sql, parameters, async (command, ct) =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var result = await RowReader.ReadAsync(reader, maxRows, _options.MaxResultBytes, ct);
            // SQLite runs the statements of a text one at a time, as they are read: running the rest here lets the
            // database refuse a write hidden behind a first SELECT, instead of it being quietly skipped.
            while (await reader.NextResultAsync(ct))
            {
            }

            return result;
        }, cancellationToken);

    public Task<QueryResult> ListTablesAsync(CancellationToken cancellationToken) => QueryAsync(
        "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' " +
        "AND name NOT LIKE '%_fts%' ORDER BY name", _options.MaxRows, cancellationToken);

    public async Task<QueryResult?> DescribeTableAsync(string name, CancellationToken cancellationToken)
    {
        var columns = await QueryAsync(
            "SELECT name AS column_name, type AS data_type, \"notnull\" = 0 AS nullable, pk > 0 AS primary_key " +
            "FROM pragma_table_info($1) ORDER BY cid", _options.MaxRows, cancellationToken, name);
        return columns.Rows.Count == 0 ? null : columns;
    }

    public Task<QueryResult> ExplainAsync(string sql, CancellationToken cancellationToken) =>
        QueryAsync("EXPLAIN QUERY PLAN " + sql, _options.MaxRows, cancellationToken);

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        RunAsync(_readWrite, sql, [], async (command, ct) =>
        {
            await using var transaction = (SqliteTransaction)await command.Connection!.BeginTransactionAsync(ct);
            command.Transaction = transaction;
            var changed = await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return changed;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(string connectionString, string sql, object?[] parameters,
        Func<SqliteCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (connectionString == _readOnly)
        {
            SQLitePCL.raw.sqlite3_limit(connection.Handle, SQLitePCL.raw.SQLITE_LIMIT_ATTACHED, 0);
            await using var pragma = new SqliteCommand("PRAGMA query_only = 1", connection);
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new SqliteCommand(sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", parameters[i] ?? DBNull.Value);
        }

        // SQLite has no statement timeout: interrupting the connection stops the statement where it is.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.StatementTimeout);
        using var interrupt = deadline.Token.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));
        try
        {
            return await run(command, deadline.Token);
        }
        catch (SqliteException error)
        {
            throw Explain(error, timedOut: deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Explain(null, timedOut: true);
        }
    }

    private McpException Explain(SqliteException? error, bool timedOut) => timedOut
        ? new McpException($"The statement ran longer than {_options.StatementTimeout} and was stopped.")
        : error!.SqliteErrorCode switch
        {
            SQLitePCL.raw.SQLITE_READONLY => new McpException("The database refused a write: this tool is read-only. " + error.Message),
            SQLitePCL.raw.SQLITE_INTERRUPT => new McpException("The statement was stopped."),
            _ => new McpException($"SQLite error: {error.Message}"),
        };
}
