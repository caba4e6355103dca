namespace EnterpriseMcp.Gateway.Audit;

/// <summary>Where audit records are kept: SQLite in the data folder by default (<see cref="SqliteAuditStore"/>), PostgreSQL when configured (<see cref="PostgresAuditStore"/>).</summary>
public interface IAuditStore : IAsyncDisposable
{
    /// <summary>Creates what is missing and says where the chain ends.</summary>
    Task<AuditChainEnd> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Where the chain ends now: the last stored record's sequence number and hash.</summary>
    Task<AuditChainEnd> EndAsync(CancellationToken cancellationToken);

    /// <summary>Stores the records in one transaction; when it returns they are durable (or none is stored, and it throws).</summary>
    Task AppendAsync(IReadOnlyList<SealedAuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Every record from <paramref name="fromSequence"/> on, in sequence order.</summary>
    IAsyncEnumerable<SealedAuditRecord> ReadAsync(long fromSequence, CancellationToken cancellationToken);
}
