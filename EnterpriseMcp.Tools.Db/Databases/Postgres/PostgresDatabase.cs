using System.Data;
using System.Globalization;
using EnterpriseMcp.Tools.Db.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using Npgsql;

namespace EnterpriseMcp.Tools.Db.Databases.Postgres;

/// <summary>
/// PostgreSQL. Every read runs in a <c>READ ONLY</c> transaction with a <c>statement_timeout</c>, as
/// <c>Db:ReadOnlyRole</c> (<see cref="ReadRoleCheck"/>), always rolled back. The caller's SQL goes to the server as one
/// statement of the extended protocol, so PostgreSQL itself refuses text holding several (a <c>COMMIT</c> cannot end
/// the read-only transaction early). A query's rows come through a cursor, a few at a time, so that reading stops at
/// the row or byte cap without the server computing or sending the rest.
/// </summary>
internal sealed class PostgresDatabase(NpgsqlDataSource dataSource, IOptions<DbOptions> options) : IDatabase
{
    private const string Cursor = "mcp_rows";
    private const string BeforeCursor = "mcp_before_cursor";
    private const int FirstFetch = 16;
    private const int LargestFetch = 256;
    private readonly DbOptions _options = options.Value;
    private readonly ReadRoleCheck _readRole = new(options.Value);

    public string Kind => "PostgreSQL";

    public Task<QueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken, params object?[] parameters) =>
        ReadAsync(async (connection, transaction, rows, ct) =>
        {
            try
            {
                await using var declare = Statement(connection, transaction, $"DECLARE {Cursor} NO SCROLL CURSOR FOR {sql}", parameters);
                await declare.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException error) when (error.SqlState is PostgresErrorCodes.SyntaxError or PostgresErrorCodes.FeatureNotSupported)
            {
                // Not a query a cursor takes (SHOW, EXPLAIN, a write the database will refuse, several statements): run it
                // as it is, and let PostgreSQL say what is wrong with it.
                await using var back = Statement(connection, transaction, $"ROLLBACK TO SAVEPOINT {BeforeCursor}", []);
                await back.ExecuteNonQueryAsync(ct);
                await ReadAllAsync(Statement(connection, transaction, sql, parameters), rows, ct);
                return;
            }

            for (var fetch = FirstFetch; !rows.Full; fetch = NextFetch(fetch, rows))
            {
                var before = rows.RowCount;
                var wanted = Math.Min(fetch, maxRows + 1 - before);
                await FetchAsync(connection, transaction, wanted, rows, ct);
                if (rows.RowCount - before < wanted)
                {
                    return;
                }
            }
        }, maxRows, cancellationToken);

    public Task<QueryResult> ListTablesAsync(CancellationToken cancellationToken) => QueryAsync(
        "SELECT table_schema, table_name, table_type FROM information_schema.tables " +
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2", _options.MaxRows, cancellationToken);

    public async Task<QueryResult?> DescribeTableAsync(string name, CancellationToken cancellationToken)
    {
        var (schema, table) = name.Split('.', 2) is [var s, var t] ? (s, t) : ("public", name);
        var columns = await QueryAsync(
            "SELECT c.column_name, c.data_type, c.is_nullable = 'YES' AS nullable, " +
            "EXISTS (SELECT 1 FROM information_schema.key_column_usage k JOIN information_schema.table_constraints tc " +
            "ON tc.constraint_name = k.constraint_name AND tc.table_schema = k.table_schema " +
            "WHERE tc.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema AND k.table_name = c.table_name " +
            "AND k.column_name = c.column_name) AS primary_key " +
            "FROM information_schema.columns c WHERE c.table_schema = $1 AND c.table_name = $2 ORDER BY c.ordinal_position",
            _options.MaxRows, cancellationToken, schema, table);
        return columns.Rows.Count == 0 ? null : columns;
    }

    /// <summary>
    /// The option list is ours and closed before the caller's text starts, so a leading <c>ANALYZE</c> or
    /// <c>(ANALYZE)</c> in it is a syntax error, never an instruction to run the statement.
    /// </summary>
    public Task<QueryResult> ExplainAsync(string sql, CancellationToken cancellationToken) =>
        ReadAsync((connection, transaction, rows, ct) =>
            ReadAllAsync(Statement(connection, transaction, "EXPLAIN (ANALYZE false) " + sql, []), rows, ct),
            _options.MaxRows, cancellationToken);

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await SetUpAsync(connection, transaction, [TimeoutStatement], cancellationToken);
            await using var statement = Statement(connection, transaction, sql, []);
            var changed = await statement.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changed;
        }
        catch (PostgresException error)
        {
            throw Explain(error);
        }
    }

    private async Task<QueryResult> ReadAsync(Func<NpgsqlConnection, NpgsqlTransaction, RowReader, CancellationToken, Task> read, int maxRows,
        CancellationToken cancellationToken)
    {
        // statement_timeout bounds each FETCH; this bounds the whole read.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.StatementTimeout);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await _readRole.EnsureAsync(connection, transaction, cancellationToken);
            string[] setup = _options.ReadOnlyRole is { Length: > 0 } role
                ? ["SET TRANSACTION READ ONLY", $"SET LOCAL ROLE \"{role}\"", TimeoutStatement, $"SAVEPOINT {BeforeCursor}"]
                : ["SET TRANSACTION READ ONLY", TimeoutStatement, $"SAVEPOINT {BeforeCursor}"];
            await SetUpAsync(connection, transaction, setup, cancellationToken);
            var rows = new RowReader(maxRows, _options.MaxResultBytes, streamed: true, PostgresText.Parse);
            await read(connection, transaction, rows, deadline.Token);
            return rows.Result;
        }
        catch (PostgresException error)
        {
            throw Explain(error);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
    }

    /// <summary>Fetches grow while rows are small, and shrink to what the bytes left would hold when they are not.</summary>
    private int NextFetch(int fetch, RowReader rows)
    {
        var perRow = Math.Max(1, rows.Bytes / Math.Max(1, rows.RowCount));
        var fits = (_options.MaxResultBytes - rows.Bytes) / perRow + 1;
        return (int)Math.Clamp(fits, 1, Math.Min(2L * fetch, LargestFetch));
    }

    /// <summary>Each value as PostgreSQL's own text, read as text so that even an array or a record is read in chunks.</summary>
    private static async Task FetchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, RowReader rows,
        CancellationToken cancellationToken)
    {
        await using var fetch = new NpgsqlCommand($"FETCH FORWARD {count} FROM {Cursor}", connection, transaction) { AllResultTypesAreUnknown = true };
        await using var reader = await fetch.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        await rows.ReadAsync(reader, cancellationToken);
    }

    /// <summary>A statement no cursor takes (SHOW, EXPLAIN): its few rows, read as they come, text and bytes in chunks.</summary>
    private static async Task ReadAllAsync(NpgsqlBatch batch, RowReader rows, CancellationToken cancellationToken)
    {
        await using (batch)
        {
            await using var reader = await batch.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            await rows.ReadAsync(reader, cancellationToken);
        }
    }

    /// <summary>
    /// A batch command goes to the server unsplit, as one extended-protocol statement, and PostgreSQL refuses text
    /// that holds several ("SELECT 1; COMMIT; DELETE ..."); a plain command would be split.
    /// </summary>
    private static NpgsqlBatch Statement(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object?[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return new NpgsqlBatch(connection, transaction) { BatchCommands = { statement } };
    }

    private static async Task SetUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] statements,
        CancellationToken cancellationToken)
    {
        await using var setup = new NpgsqlBatch(connection, transaction);
        foreach (var statement in statements)
        {
            setup.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        await setup.ExecuteNonQueryAsync(cancellationToken);
    }

    private string TimeoutStatement =>
        $"SET LOCAL statement_timeout = {((long)_options.StatementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}";

    private McpException TimedOut() => new($"The statement ran longer than {_options.StatementTimeout} and was cancelled by the database.");

    private McpException Explain(PostgresException error) => error.SqlState switch
    {
        PostgresErrorCodes.ReadOnlySqlTransaction => new McpException($"The database refused a write: this tool is read-only ({error.MessageText})."),
        PostgresErrorCodes.QueryCanceled => TimedOut(),
        PostgresErrorCodes.SyntaxError when error.MessageText.Contains("multiple commands", StringComparison.Ordinal) =>
            new McpException($"Give one statement: PostgreSQL refused text holding several ({error.MessageText})."),
        _ => new McpException($"PostgreSQL error {error.SqlState}: {error.MessageText}"),
    };
}
