using Npgsql;
using NpgsqlTypes;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>The API keys in PostgreSQL (<c>ConnectionStrings:apikeys</c>), for gateways that keep no local disk or run as several replicas. The same table as <see cref="SqliteApiKeyStore"/>.</summary>
public sealed class PostgresApiKeyStore(string connectionString) : IApiKeyStore
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await using var setup = _source.CreateCommand(ApiKeySchema.Create("bytea"));
        await setup.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddAsync(ApiKey key, byte[] hash, CancellationToken cancellationToken)
    {
        await using var insert = _source.CreateCommand("""
            INSERT INTO api_keys (id, name, hash, scopes, roles, created, expires) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = key.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = key.Name });
        insert.Parameters.Add(new NpgsqlParameter { Value = hash });
        insert.Parameters.Add(new NpgsqlParameter { Value = ApiKeySchema.ListText(key.Scopes) });
        insert.Parameters.Add(new NpgsqlParameter { Value = ApiKeySchema.ListText(key.Roles) });
        insert.Parameters.Add(new NpgsqlParameter { Value = ApiKeySchema.TimeText(key.Created) });
        insert.Parameters.Add(new NpgsqlParameter { Value = ApiKeySchema.TimeText(key.Expires) });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var select = _source.CreateCommand($"SELECT {ApiKeySchema.Columns}, hash FROM api_keys WHERE id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredApiKey(ApiKeySchema.Read(reader), (byte[])reader[8]) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var select = _source.CreateCommand($"SELECT {ApiKeySchema.Columns} FROM api_keys ORDER BY created, id");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await ApiKeySchema.ReadAllAsync(reader, cancellationToken);
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var update = _source.CreateCommand("UPDATE api_keys SET revoked = $2 WHERE id = $1 AND revoked IS NULL");
        update.Parameters.Add(new NpgsqlParameter { Value = id });
        update.Parameters.Add(new NpgsqlParameter { Value = ApiKeySchema.TimeText(time) });
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task RecordUseAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> uses, CancellationToken cancellationToken)
    {
        if (uses.Count == 0)
        {
            return;
        }

        await using var batch = _source.CreateBatch();
        foreach (var (key, used) in uses)
        {
            var update = new NpgsqlBatchCommand("UPDATE api_keys SET last_used = $2 WHERE id = $1 AND (last_used IS NULL OR last_used < $2)");
            update.Parameters.Add(new NpgsqlParameter { Value = key });
            update.Parameters.Add(new NpgsqlParameter { Value = ApiKeySchema.TimeText(used), NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(update);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
