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

    [Fact]
    public async Task The_command_keeps_keys_in_PostgreSQL_when_ConnectionStrings_apikeys_is_set()
    {
        var database = await postgres.NewDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("gateway-apikeys-").FullName;
        using var output = new StringWriter();

        var exit = await ApiKeyCommand.RunAsync(["create", "--name", "ci-pg", "--contentRoot", root, "--ConnectionStrings:apikeys", database], output, TextWriter.Null);

        Assert.Equal(0, exit);
        var id = output.ToString().Split(Environment.NewLine)[0]["id: ".Length..];
        await using var store = new PostgresApiKeyStore(database);
        Assert.Equal("ci-pg", (await store.FindAsync(id, Token))?.Key.Name);
        Assert.False(Directory.Exists(Path.Combine(root, ".data")));
        Directory.Delete(root, recursive: true);
    }

    protected override async Task<IApiKeyStore> ReopenAsync()
    {
        var store = new PostgresApiKeyStore(_database!);
        await store.OpenAsync(Token);
        return store;
    }
}
