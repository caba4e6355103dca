using Azure;
using Azure.Security.KeyVault.Secrets;

namespace EnterpriseMcp.Gateway.Configuration.KeyVault;

/// <summary>
/// Reads each named secret once, at start. A secret that cannot be read stops the start: a gateway without its client
/// secret would only fail later, on every backend call, far from the cause. Rotation takes a new revision (a restart).
/// </summary>
internal sealed class KeyVaultSecretsProvider(KeyVaultSettings settings, SecretClient client) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in settings.SecretNames)
        {
            data[KeyVaultSettings.KeyOf(name)] = Read(name);
        }

        Data = data;
    }

    private string Read(string name)
    {
        try
        {
            return client.GetSecret(name).Value.Value;
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            throw Unreadable(name, $"the vault has no secret '{name}' (add it, or change {KeyVaultSettings.SectionName}:Secrets)", failure);
        }
        catch (RequestFailedException failure) when (failure.Status == 403)
        {
            throw Unreadable(name, $"access denied: give the identity{Identity()} the role 'Key Vault Secrets User' on the vault", failure);
        }
        catch (AggregateException failure)
        {
            // The SDK's retries give up with every attempt's failure; the last one says enough.
            throw Unreadable(name, $"{failure.InnerExceptions[^1].Message}, after {failure.InnerExceptions.Count} tries", failure);
        }
        catch (Exception failure) when (failure is RequestFailedException or Azure.Identity.AuthenticationFailedException)
        {
            throw Unreadable(name, failure.Message, failure);
        }
    }

    private string Identity() => string.IsNullOrWhiteSpace(settings.ClientId) ? "" : $" {settings.ClientId} ({KeyVaultSettings.SectionName}:ClientId)";

    private InvalidOperationException Unreadable(string name, string reason, Exception failure) =>
        new($"The gateway could not read the secret '{name}' from the Key Vault {settings.Uri} ({KeyVaultSettings.SectionName}:Uri): {reason}. "
            + $"Unset {KeyVaultSettings.SectionName}:Uri to start without the vault.", failure);
}
