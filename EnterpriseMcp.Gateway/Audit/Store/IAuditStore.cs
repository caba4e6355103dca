namespace EnterpriseMcp.Gateway.Audit;

/// <summary>Where audit records are kept: SQLite in the data folder by default (<see cref="SqliteAuditStore"/>), PostgreSQL when configured (<see cref="PostgresAuditStore"/>).</summary>
public interface IAuditStore : IAsyncDisposable
{
    /// <summary>Creates what is missing.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Seals the records after the last stored one and stores them, in one transaction that holds the table's write lock
    /// (so writers in several processes extend one chain); when it returns they are durable, or none is stored and it throws.
    /// </summary>
    Task AppendAsync(IReadOnlyList<PendingAuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Every record from <paramref name="fromSequence"/> on, in sequence order.</summary>
    IAsyncEnumerable<SealedAuditRecord> ReadAsync(long fromSequence, CancellationToken cancellationToken);

    /// <summary>
    /// The records <paramref name="query"/> asks for, in sequence order, read as they are enumerated (a caller that
    /// streams them holds one record at a time). Its values go to the database as parameters, never in the SQL text.
    /// </summary>
    IAsyncEnumerable<SealedAuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>The newest checkpoint retention wrote, or null when no record was ever removed.</summary>
    Task<AuditCheckpoint?> NewestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Removes every record up to <paramref name="checkpoint"/>'s sequence and stores the checkpoint, in one transaction
    /// under the write lock. False, with nothing changed, when that record is no longer there with the checkpoint's hash
    /// (another gateway removed it first).
    /// </summary>
    Task<bool> PruneAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);
}
