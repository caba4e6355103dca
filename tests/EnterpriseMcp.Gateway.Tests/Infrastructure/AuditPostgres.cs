using EnterpriseMcp.Tools.Testing;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>A real PostgreSQL for the audit tests, each test in a database of its own.</summary>
public sealed class AuditPostgres : IAsyncLifetime
{
    private readonly PostgresCluster _cluster = new();
    private int _databases;

    /// <summary>A new, empty database's connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"audit_{Interlocked.Increment(ref _databases)}";
        await _cluster.ExecuteAsync($"CREATE DATABASE {name}");
        return $"Host=127.0.0.1;Port={_cluster.Port};Username=postgres;Database={name}";
    }

    public ValueTask InitializeAsync() => new(_cluster.StartAsync());

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
