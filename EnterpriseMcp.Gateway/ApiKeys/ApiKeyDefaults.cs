namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>The names API-key callers carry through the gateway.</summary>
public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme, and the authentication type of a key's identity.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The issuer of every key's claims: what a <c>(issuer, subject)</c> caller key and the audit name.</summary>
    public const string Issuer = "urn:enterprisemcp:api-keys";
}
