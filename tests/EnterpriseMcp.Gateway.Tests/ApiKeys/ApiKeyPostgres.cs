namespace EnterpriseMcp.Gateway.Tests.ApiKeys;

/// <summary>A real PostgreSQL for the API key store's tests, each test in a database of its own.</summary>
public sealed class ApiKeyPostgres : IAsyncLifetime
{
    private readonly PostgresCluster _cluster = new();
    private int _databases;

    /// <summary>A new, empty database's connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"apikeys_{Interlocked.Increment(ref _databases)}";
        await _cluster.ExecuteAsync($"CREATE DATABASE {name}");
        return $"Host=127.0.0.1;Port={_cluster.Port};Username=postgres;Database={name}";
    }

    public ValueTask InitializeAsync() => new(_cluster.StartAsync());

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
