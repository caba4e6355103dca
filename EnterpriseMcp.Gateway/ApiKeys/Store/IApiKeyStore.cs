namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>Where API keys are kept: SQLite in the data folder by default (<see cref="SqliteApiKeyStore"/>), PostgreSQL when configured (<see cref="PostgresApiKeyStore"/>).</summary>
public interface IApiKeyStore : IAsyncDisposable
{
    /// <summary>Creates what is missing; safe to call again.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new key with the hash of its text.</summary>
    Task AddAsync(ApiKey key, byte[] hash, CancellationToken cancellationToken);

    /// <summary>The key with <paramref name="id"/> and its hash; null when there is none.</summary>
    Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every key, oldest first, without hashes.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks the key revoked at <paramref name="time"/>; false when there is no such key or it was revoked already.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Moves each key's last use forward to the time given (never back).</summary>
    Task RecordUseAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> uses, CancellationToken cancellationToken);
}
