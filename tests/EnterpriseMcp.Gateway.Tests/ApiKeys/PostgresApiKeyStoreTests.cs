using EnterpriseMcp.Gateway.ApiKeys;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>The API keys on a real PostgreSQL (Debian's server), each test in a database of its own.</summary>
public sealed class PostgresApiKeyStoreTests(ApiKeyPostgres postgres) : ApiKeyStoreContract, IClassFixture<ApiKeyPostgres>
{
    private string? _database;

    protected override async Task<IApiKeyStore> OpenAsync()
    {
        _database = await postgres.NewDatabaseAsync();
        return await ReopenAsync();
    }

    protected override async Task<IApiKeyStore> ReopenAsync()
    {
        var store = new PostgresApiKeyStore(_database!);
        await store.OpenAsync(Token);
        return store;
    }
}
