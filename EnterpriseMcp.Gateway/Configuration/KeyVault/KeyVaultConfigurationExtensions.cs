using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Configuration.KeyVault;

internal static class KeyVaultConfigurationExtensions
{
    /// <summary>
    /// Adds the vault's secrets on top of the configuration when <c>KeyVault:Uri</c> is set, so that they win over the
    /// environment; does nothing otherwise. Fails the start, naming the setting, when the vault cannot be read.
    /// </summary>
    public static IConfigurationManager AddKeyVaultSecrets(this IConfigurationManager configuration) =>
        configuration.AddKeyVaultSecrets(CreateClient);

    /// <summary>The same with the client made elsewhere (tests hand in a fake one).</summary>
    public static IConfigurationManager AddKeyVaultSecrets(this IConfigurationManager configuration, Func<KeyVaultSettings, SecretClient> client)
    {
        var settings = configuration.GetSection(KeyVaultSettings.SectionName).Get<KeyVaultSettings>() ?? new KeyVaultSettings();
        if (!settings.Enabled)
        {
            return configuration;
        }

        var result = new KeyVaultSettingsValidator().Validate(null, settings);
        if (result.Failed)
        {
            throw new OptionsValidationException(KeyVaultSettings.SectionName, typeof(KeyVaultSettings), result.Failures);
        }

        // A ConfigurationManager loads a source as soon as it is added: the vault is read here, once.
        configuration.Sources.Add(new KeyVaultSecretsSource(settings, client(settings)));
        return configuration;
    }

    private static SecretClient CreateClient(KeyVaultSettings settings)
    {
        // The managed identity first and alone where it is named; elsewhere DefaultAzureCredential's chain (az login).
        TokenCredential credential = string.IsNullOrWhiteSpace(settings.ClientId)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ExcludeInteractiveBrowserCredential = true })
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.ClientId));
        // A few quick retries: a vault that does not answer within them is a start-up error to report, not to wait out.
        var options = new SecretClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10) } };
        return new SecretClient(new Uri(settings.Uri!), credential, options);
    }
}
