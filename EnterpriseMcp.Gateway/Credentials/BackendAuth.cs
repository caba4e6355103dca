namespace EnterpriseMcp.Gateway.Credentials;

/// <summary>Which token the gateway presents to a backend (<c>Gateway:Backends:{name}:Auth</c>). Never the client's own.</summary>
public enum BackendAuth
{
    /// <summary>Token exchange when the gateway validates users' tokens and has a client of its own; client credentials when it only has the client; else none.</summary>
    Auto,

    /// <summary>No token: a backend on a trusted network, or in development.</summary>
    None,

    /// <summary>The calling user's token exchanged (RFC 8693) for one with the backend's audience: the backend sees the user as <c>sub</c> and the gateway as <c>act</c>.</summary>
    TokenExchange,

    /// <summary>The gateway's own client-credentials token for the backend's audience: the backend sees the gateway, whoever calls.</summary>
    ClientCredentials,
}
