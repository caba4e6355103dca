using System.Text;
using EnterpriseMcp.Tools.Db.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using SQLitePCL;

namespace EnterpriseMcp.Tools.Db.Databases.Sqlite;

/// <summary>
/// The embedded database. Reads go through a connection SQLite itself keeps read-only: opened with
/// <c>Mode=ReadOnly</c>, <c>PRAGMA query_only</c>, no other database attachable (which is also how <c>VACUUM INTO</c>
/// would write a file), and <see cref="SqliteAuthorizer"/> allowing only what a query needs. Writes (when allowed) use
/// a separate read-write connection. On both, SQLite refuses to build a value over <c>Db:MaxValueBytes</c>.
/// </summary>
internal sealed class SqliteDatabase(IOptions<DbOptions> options) : IDatabase
{
    /// <summary>Longest SQL text a caller may send; fixed, as no tool needs more.</summary>
    public const int MaxSqlBytes = 100_000;

    // SQLite sorts in this much memory, then in temporary files it merges, holding one row of each file in memory:
    // a bigger budget means fewer files, so sorting big values stays near this budget instead of growing with the
    // data. It is the main database's page cache too, which the small sample database never fills.
    private const int SortBudgetKiB = 16 * 1024;

    private readonly DbOptions _options = options.Value;

    // Not pooled: each call gets a connection no caller used before, so nothing one caller sets reaches the next.
    // Opening one costs well under a millisecond on the sample database (README).
    private readonly string _readOnly = new SqliteConnectionStringBuilder
    {
        DataSource = options.Value.EmbeddedDatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
    }.ToString();

    private readonly string _readWrite = new SqliteConnectionStringBuilder
    {
        DataSource = options.Value.EmbeddedDatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false,
    }.ToString();

    public string Kind => "SQLite";

    public Task<QueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken, params object?[] parameters) =>
        RunAsync(writes: false, sql, parameters, (command, ct) => ReadAsync(command, maxRows, ct), cancellationToken);

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

    /// <summary>The plan of exactly one statement: the statement is compiled, never run.</summary>
    public Task<QueryResult> ExplainAsync(string sql, CancellationToken cancellationToken) =>
        RunAsync(writes: false, "EXPLAIN QUERY PLAN " + sql, [], (command, ct) =>
        {
            RequireOneStatement(command.Connection!.Handle!, sql);
            return ReadAsync(command, _options.MaxRows, ct);
        }, cancellationToken);

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        RunAsync(writes: true, sql, [], async (command, ct) =>
        {
            await using var transaction = (SqliteTransaction)await command.Connection!.BeginTransactionAsync(ct);
            command.Transaction = transaction;
            var changed = await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return changed;
        }, cancellationToken);

    private async Task<QueryResult> ReadAsync(SqliteCommand command, int maxRows, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = await RowReader.ReadAsync(reader, maxRows, _options.MaxResultBytes, cancellationToken);
        // SQLite runs the statements of a text one at a time, as they are read: running the rest here lets the
        // database refuse a write hidden behind a first SELECT, instead of it being quietly skipped.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return result;
    }

    private async Task<T> RunAsync<T>(bool writes, string sql, object?[] parameters,
        Func<SqliteCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(sql) > MaxSqlBytes)
        {
            throw new McpException($"The statement exceeds {MaxSqlBytes} bytes of SQL.");
        }

        await using var connection = new SqliteConnection(writes ? _readWrite : _readOnly);
        await connection.OpenAsync(cancellationToken);
        var authorizer = await ConfineAsync(connection, writes, cancellationToken);
        await using var command = new SqliteCommand(sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", parameters[i] ?? DBNull.Value);
        }

        // SQLite has no statement timeout: interrupting the connection stops the statement where it is.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.StatementTimeout);
        using var interrupt = deadline.Token.Register(() => raw.sqlite3_interrupt(connection.Handle));
        try
        {
            return await run(command, deadline.Token);
        }
        catch (SqliteException error)
        {
            throw Explain(error, authorizer.Refusal, timedOut: deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Explain(null, null, timedOut: true);
        }
    }

    /// <summary>The limits and the authorizer, set on each connection before any caller's SQL is compiled on it.</summary>
    private async Task<SqliteAuthorizer> ConfineAsync(SqliteConnection connection, bool writes, CancellationToken cancellationToken)
    {
        var handle = connection.Handle!;
        raw.sqlite3_limit(handle, raw.SQLITE_LIMIT_LENGTH, _options.MaxValueBytes);
        if (!writes)
        {
            raw.sqlite3_limit(handle, raw.SQLITE_LIMIT_ATTACHED, 0);
            await using var pragma = new SqliteCommand($"PRAGMA query_only = 1; PRAGMA cache_size = -{SortBudgetKiB}", connection);
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return SqliteAuthorizer.Install(handle, writes);
    }

    /// <summary>Compiles the statement and what follows it: anything but blanks, semicolons and comments is refused.</summary>
    private static void RequireOneStatement(sqlite3 connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(connection, sql, out var statement, out var rest);
        statement.Dispose();
        SqliteException.ThrowExceptionForRC(rc, connection);
        while (!string.IsNullOrWhiteSpace(rest))
        {
            rc = raw.sqlite3_prepare_v2(connection, rest, out var next, out var after);
            var empty = next.IsInvalid;
            next.Dispose();
            if (rc != raw.SQLITE_OK || !empty || after.Length >= rest.Length)
            {
                throw new McpException("explain takes exactly one statement: remove what follows the first ';'.");
            }

            rest = after;
        }
    }

    private McpException Explain(SqliteException? error, string? refusal, bool timedOut) => (error, refusal, timedOut) switch
    {
        (_, not null, _) => new McpException(refusal),
        (_, _, true) => new McpException($"The statement ran longer than {_options.StatementTimeout} and was stopped."),
        _ => error!.SqliteErrorCode switch
        {
            raw.SQLITE_READONLY => new McpException("The database refused a write: this tool is read-only. " + error.Message),
            raw.SQLITE_INTERRUPT => new McpException("The statement was stopped."),
            raw.SQLITE_TOOBIG => new McpException(
                $"SQLite stopped the statement: a value exceeds {_options.MaxValueBytes} bytes ({DbOptions.SectionName}:{nameof(DbOptions.MaxValueBytes)})."),
            _ => new McpException($"SQLite error: {error.Message}"),
        },
    };
}
