using System.Runtime.CompilerServices;
using Npgsql;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// The audit log in PostgreSQL (<c>ConnectionStrings:audit</c>), for deployments whose gateways keep no local disk. The
/// same table as <see cref="SqliteAuditStore"/>; a commit is durable when it returns (PostgreSQL's default
/// <c>synchronous_commit</c>).
/// </summary>
public sealed class PostgresAuditStore(string connectionString) : IAuditStore
{
    private static readonly string Schema = AuditSchema.Create("bigint", "bytea");

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await using var setup = _source.CreateCommand(Schema);
        await setup.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<PendingAuditRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        AuditChainEnd end;
        await using (var last = new NpgsqlCommand("", connection, transaction))
        {
            // Writers (gateway replicas) take turns to extend the chain; readers are not blocked.
            last.CommandText = "LOCK TABLE audit_records IN SHARE ROW EXCLUSIVE MODE";
            await last.ExecuteNonQueryAsync(cancellationToken);
            end = await AuditSchema.EndAsync(last, cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var record in AuditChain.SealAll(records, end))
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO audit_records (sequence, time, subject, name, outcome, body, previous_hash, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Sequence });
            insert.Parameters.Add(new NpgsqlParameter { Value = SqliteAuditStore.TimeText(record.Time) });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)record.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)record.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Outcome.ToString() });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Body });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.PreviousHash });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Hash });
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public IAsyncEnumerable<SealedAuditRecord> ReadAsync(long fromSequence, CancellationToken cancellationToken) =>
        QueryAsync(new AuditQuery { After = fromSequence - 1 }, cancellationToken);

    public async IAsyncEnumerable<SealedAuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var select = _source.CreateCommand();
        AuditSchema.Query(select, query);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditColumns.Read(reader);
        }
    }

    public async Task<AuditCheckpoint?> NewestCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var select = _source.CreateCommand();
        return await AuditSchema.NewestCheckpointAsync(select, cancellationToken);
    }

    public async Task<bool> PruneAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("", connection, transaction);
        // The appenders' lock: an append never reads the chain's end while records are being removed.
        command.CommandText = "LOCK TABLE audit_records IN SHARE ROW EXCLUSIVE MODE";
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (!await AuditSchema.PruneAsync(command, checkpoint, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
