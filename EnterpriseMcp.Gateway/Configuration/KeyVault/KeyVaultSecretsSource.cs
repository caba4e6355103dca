using Azure.Security.KeyVault.Secrets;

namespace EnterpriseMcp.Gateway.Configuration.KeyVault;

/// <summary>The named secrets of one vault as configuration, read once when the configuration is built.</summary>
internal sealed class KeyVaultSecretsSource(KeyVaultSettings settings, SecretClient client) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new KeyVaultSecretsProvider(settings, client);
}
