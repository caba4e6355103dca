namespace EnterpriseMcp.Hosting.Authorization;

/// <summary>
/// How this MCP server checks who calls it. Bound from <c>Mcp:Auth</c>. Without an
/// <see cref="Authority"/> the server serves anonymous callers on loopback only (development).
/// </summary>
public sealed class McpAuthOptions
{
    public const string SectionName = "Mcp:Auth";

    /// <summary>The authorization server (token issuer) whose JWT access tokens are accepted, e.g. a Keycloak realm URL.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// This server's canonical URI, e.g. <c>https://jira-mcp.example.com/mcp</c>: the only audience a token may carry
    /// (RFC 8707) and the <c>resource</c> of the protected resource metadata (RFC 9728).
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>
    /// More audiences a token may carry besides <see cref="Resource"/>, for an issuer that cannot put the resource URI
    /// in <c>aud</c>: Entra ID's version 2 tokens always name the API's client id (a GUID) there. Empty by default, so
    /// that a token is accepted only for this server's own URI (RFC 8707); list only what names this server alone.
    /// </summary>
    public string[] Audiences { get; set; } = [];

    /// <summary>Where the issuer's OpenID configuration is read; by default <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Refuse issuer metadata over plain HTTP. Defaults to on unless the authority is on loopback.</summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>
    /// The JWT <c>typ</c> header values accepted. By default only access tokens as RFC 9068 marks them (<c>at+jwt</c>), so an
    /// ID token cannot be replayed as an access token. Keycloak and Entra ID mark access tokens <c>JWT</c>: add it for them.
    /// </summary>
    public string[] ValidTokenTypes { get; set; } = ["at+jwt", "application/at+jwt"];

    /// <summary>Tolerated clock difference when checking a token's lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Keycloak client ids whose <c>resource_access</c> roles count as the caller's roles, e.g. <c>["mcp-gateway"]</c>;
    /// roles a token carries for other applications are ignored.
    /// </summary>
    public string[] RoleClients { get; set; } = [];

    /// <summary>
    /// When set, only tokens obtained by one of these clients are accepted: issued to it (<c>client_id</c>, <c>azp</c>, ...)
    /// or naming it as the actor of a token exchange (<c>act</c>). A tool server behind the gateway lists the gateway's
    /// client id, so that a token some other client obtained for the tool server's audience cannot step around the
    /// gateway's policy. Empty (the default): any client's token for this audience is accepted.
    /// </summary>
    public string[] AcceptedClients { get; set; } = [];

    /// <summary>Whether tokens are validated, or the server runs in loopback-only anonymous mode.</summary>
    public bool ValidatesTokens => !string.IsNullOrWhiteSpace(Authority);
}
