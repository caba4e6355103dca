using EnterpriseMcp.Gateway.ApiKeys;
using Microsoft.Data.Sqlite;

namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>The API keys in an SQLite file, the gateway's default store.</summary>
public sealed class SqliteApiKeyStoreTests : ApiKeyStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-apikeys-").FullName;

    private string StorePath => Path.Combine(_folder, "nested", "apikeys.db");

    protected override async Task<IApiKeyStore> OpenAsync()
    {
        var store = new SqliteApiKeyStore(StorePath);
        await store.OpenAsync(Token);
        return store;
    }

    protected override Task<IApiKeyStore> ReopenAsync() => OpenAsync();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
