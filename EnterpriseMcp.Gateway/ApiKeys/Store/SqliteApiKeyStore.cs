using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// The API keys in an SQLite file (write-ahead logging, so the gateway reads keys while an administrator's command writes
/// one). Its async calls complete synchronously, as Microsoft.Data.Sqlite's do: a lookup by primary key in a local file,
/// and the gateway caches what it validated.
/// </summary>
public sealed class SqliteApiKeyStore(string path) : IApiKeyStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 5,
    }.ToString();

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var setup = connection.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL;\n" + ApiKeySchema.Create("BLOB");
        await setup.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddAsync(ApiKey key, byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO api_keys (id, name, hash, scopes, roles, created, expires)
            VALUES ($id, $name, $hash, $scopes, $roles, $created, $expires)
            """;
        insert.Parameters.AddWithValue("$id", key.Id);
        insert.Parameters.AddWithValue("$name", key.Name);
        insert.Parameters.AddWithValue("$hash", hash);
        insert.Parameters.AddWithValue("$scopes", ApiKeySchema.ListText(key.Scopes));
        insert.Parameters.AddWithValue("$roles", ApiKeySchema.ListText(key.Roles));
        insert.Parameters.AddWithValue("$created", ApiKeySchema.TimeText(key.Created));
        insert.Parameters.AddWithValue("$expires", ApiKeySchema.TimeText(key.Expires));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {ApiKeySchema.Columns}, hash FROM api_keys WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredApiKey(ApiKeySchema.Read(reader), (byte[])reader[8]) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {ApiKeySchema.Columns} FROM api_keys ORDER BY created, id";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await ApiKeySchema.ReadAllAsync(reader, cancellationToken);
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE api_keys SET revoked = $time WHERE id = $id AND revoked IS NULL";
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$time", ApiKeySchema.TimeText(time));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task RecordUseAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> uses, CancellationToken cancellationToken)
    {
        if (uses.Count == 0)
        {
            return;
        }

        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE api_keys SET last_used = $time WHERE id = $id AND (last_used IS NULL OR last_used < $time)";
        var id = update.Parameters.Add("$id", SqliteType.Text);
        var time = update.Parameters.Add("$time", SqliteType.Text);
        foreach (var (key, used) in uses)
        {
            id.Value = key;
            time.Value = ApiKeySchema.TimeText(used);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; a command or a test deletes it afterwards.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
