namespace EnterpriseMcp.Gateway.Configuration.KeyVault;

/// <summary>
/// Where the gateway reads its secrets when it runs in Azure: bound from <c>KeyVault</c>. Without <see cref="Uri"/>
/// nothing is read (the secrets then come from the environment or user secrets, as on a developer's machine).
/// </summary>
internal sealed class KeyVaultSettings
{
    public const string SectionName = "KeyVault";

    /// <summary>The secret a vault holds for the gateway unless <see cref="Secrets"/> says otherwise: its client secret.</summary>
    public const string ClientSecretName = "Gateway--Identity--ClientSecret";

    /// <summary>The vault, e.g. <c>https://kv-example.vault.azure.net/</c>.</summary>
    public string? Uri { get; set; }

    /// <summary>
    /// The client id of the user-assigned managed identity to read it as. Unset: the system-assigned identity, or
    /// whatever else <c>DefaultAzureCredential</c> finds (an <c>az login</c> on a workstation).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The secrets to read, by their names in the vault, where <c>--</c> stands for the <c>:</c> of the configuration key
    /// (Key Vault names take only letters, digits and dashes). Empty: <see cref="ClientSecretName"/> alone.
    /// </summary>
    public string[] Secrets { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Uri);

    public IReadOnlyList<string> SecretNames => Secrets.Length == 0 ? [ClientSecretName] : Secrets;

    /// <summary>The configuration key a secret's value is put under.</summary>
    public static string KeyOf(string secretName) => secretName.Replace("--", ":", StringComparison.Ordinal);
}
