using System.Globalization;
using EnterpriseMcp.Tools.Db.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using Npgsql;

namespace EnterpriseMcp.Tools.Db.Databases.Postgres;

/// <summary>
/// PostgreSQL. Every read runs in a <c>READ ONLY</c> transaction with a <c>statement_timeout</c> (and, where
/// configured, as a read-only role), always rolled back. The caller's SQL goes to the server as one statement of
/// the extended protocol, so PostgreSQL itself refuses text holding several (a <c>COMMIT</c> cannot end the
/// read-only transaction early).
/// </summary>
internal sealed class PostgresDatabase(NpgsqlDataSource dataSource, IOptions<DbOptions> options) : IDatabase
{
    private readonly DbOptions _options = options.Value;

    public string Kind => "PostgreSQL";

    public Task<QueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken, params object?[] parameters) =>
        RunAsync(readOnly: true, sql, parameters, async (command, ct) =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await RowReader.ReadAsync(reader, maxRows, _options.MaxResultBytes, ct);
        }, cancellationToken);

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

    public Task<QueryResult> ExplainAsync(string sql, CancellationToken cancellationToken) =>
        QueryAsync("EXPLAIN " + sql, _options.MaxRows, cancellationToken);

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        RunAsync(readOnly: false, sql, [], (command, ct) => command.ExecuteNonQueryAsync(ct), cancellationToken);

    private async Task<T> RunAsync<T>(bool readOnly, string sql, object?[] parameters,
        Func<NpgsqlBatch, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var setup = new NpgsqlBatch(connection, transaction))
            {
                foreach (var statement in SetupStatements(readOnly))
                {
                    setup.BatchCommands.Add(new NpgsqlBatchCommand(statement));
                }

                await setup.ExecuteNonQueryAsync(cancellationToken);
            }

            // A batch command goes to the server unsplit, as one extended-protocol statement, and PostgreSQL
            // refuses text that holds several ("SELECT 1; COMMIT; DELETE ..."); a plain command would be split.
            await using var batch = new NpgsqlBatch(connection, transaction);
            var userStatement = new NpgsqlBatchCommand(sql);
            foreach (var parameter in parameters)
            {
                userStatement.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
            }

            batch.BatchCommands.Add(userStatement);

            var result = await run(batch, cancellationToken);
            if (readOnly)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        }
        catch (PostgresException error)
        {
            throw Explain(error);
        }
    }

    private IEnumerable<string> SetupStatements(bool readOnly)
    {
        if (readOnly)
        {
            yield return "SET TRANSACTION READ ONLY";
            if (_options.ReadOnlyRole is { Length: > 0 } role)
            {
                yield return $"SET LOCAL ROLE \"{role}\"";
            }
        }

        yield return $"SET LOCAL statement_timeout = {((long)_options.StatementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}";
    }

    private McpException Explain(PostgresException error) => error.SqlState switch
    {
        PostgresErrorCodes.ReadOnlySqlTransaction => new McpException($"The database refused a write: this tool is read-only ({error.MessageText})."),
        PostgresErrorCodes.QueryCanceled => new McpException($"The statement ran longer than {_options.StatementTimeout} and was cancelled by the database."),
        _ => new McpException($"PostgreSQL error {error.SqlState}: {error.MessageText}"),
    };
}
