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
