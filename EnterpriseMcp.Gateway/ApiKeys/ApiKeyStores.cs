using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>The configured store: PostgreSQL when <c>ConnectionStrings:apikeys</c> is set, else the SQLite file of <c>Gateway:ApiKeys:Path</c>.</summary>
internal static class ApiKeyStores
{
    public const string ConnectionName = "apikeys";

    public static IApiKeyStore Create(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } postgres)
        {
            return new PostgresApiKeyStore(postgres);
        }

        var path = services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.Path
            ?? Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, ".data", "apikeys.db");
        return new SqliteApiKeyStore(path);
    }
}

/// <summary>Opens the store when the gateway starts, so a missing table or an unreachable database stops it there rather than at the first key.</summary>
internal sealed class ApiKeyStoreOpening(IApiKeyStore store, IOptions<ApiKeyOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? store.OpenAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
