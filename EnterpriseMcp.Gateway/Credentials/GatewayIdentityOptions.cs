namespace EnterpriseMcp.Gateway.Credentials;

/// <summary>
/// The gateway's own client at the authorization server (<c>Gateway:Identity</c>): what it exchanges users' tokens
/// with (RFC 8693) and gets its own client-credentials tokens with, so that no backend ever sees a client's token.
/// </summary>
public sealed class GatewayIdentityOptions
{
    public const string SectionName = "Gateway:Identity";

    /// <summary>The authorization server; by default the one whose tokens the gateway accepts (<c>Mcp:Auth:Authority</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>Its token endpoint; by default read from the authority's OpenID configuration.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>The gateway's client id; unset = the gateway has no identity of its own and backends get no token.</summary>
    public string? ClientId { get; set; }

    /// <summary>The gateway's client secret (sent with HTTP Basic authentication; never logged).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A cached token is replaced once it has less than this left to live (or less than half its lifetime).</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromSeconds(60);

    public bool HasClient => !string.IsNullOrWhiteSpace(ClientId);
}
