using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Configuration.KeyVault;

/// <summary>Every wrong <c>KeyVault</c> setting at once, each naming its key; run before the vault is read.</summary>
internal sealed partial class KeyVaultSettingsValidator : IValidateOptions<KeyVaultSettings>
{
    private const string Section = KeyVaultSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, KeyVaultSettings settings)
    {
        var problems = new List<string>();
        if (!settings.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        // Secrets are only ever fetched over TLS: the SDK refuses to send a token to a plain HTTP endpoint anyway.
        if (!System.Uri.TryCreate(settings.Uri, UriKind.Absolute, out var uri) || uri.Scheme != System.Uri.UriSchemeHttps)
        {
            problems.Add($"{Section}:Uri must be the vault's https URL (e.g. https://kv-example.vault.azure.net/), not '{settings.Uri}'.");
        }

        if (settings.ClientId is { } clientId && !Guid.TryParse(clientId, out _))
        {
            problems.Add($"{Section}:ClientId must be the managed identity's client id (a GUID), not '{clientId}'.");
        }

        for (var i = 0; i < settings.Secrets.Length; i++)
        {
            if (!SecretName().IsMatch(settings.Secrets[i] ?? ""))
            {
                problems.Add($"{Section}:Secrets:{i} must be a Key Vault secret name (letters, digits and dashes), not '{settings.Secrets[i]}'.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex SecretName();
}
