namespace EnterpriseMcp.Gateway.Credentials;

/// <summary>An access token the authorization server issued to the gateway, and when to stop using it.</summary>
internal sealed record IssuedToken(string AccessToken, DateTimeOffset RenewAt);
