namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// One API key as stored, without its secret: <see cref="Name"/> becomes the caller's subject, <see cref="Id"/> its client
/// id, and <see cref="Scopes"/> and <see cref="Roles"/> what the gateway's policy judges.
/// </summary>
public sealed record ApiKey(string Id, string Name, IReadOnlyList<string> Scopes, IReadOnlyList<string> Roles,
    DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? Revoked = null, DateTimeOffset? LastUsed = null);

/// <summary>A key with the hash its presented form must match.</summary>
public sealed record StoredApiKey(ApiKey Key, byte[] Hash);
