using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>Opens the store when the gateway starts, so a missing table or an unreachable database stops it there rather than at the first key.</summary>
internal sealed class ApiKeyStoreOpening(IApiKeyStore store, IOptions<ApiKeyOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? store.OpenAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
