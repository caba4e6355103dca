namespace EnterpriseMcp.Gateway.ApiKeys;

/// <summary>
/// API keys for service callers that cannot run OAuth (<c>Gateway:ApiKeys</c>): kept in SQLite at <see cref="Path"/> or,
/// when <c>ConnectionStrings:apikeys</c> is set, in PostgreSQL; created, listed and revoked with the <c>apikeys</c> command.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Gateway:ApiKeys";

    /// <summary>Whether presented keys are accepted at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The SQLite file; by default <c>.data/apikeys.db</c> in the gateway's content root.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// How long a validated key is taken on trust before the store is read again: a revocation takes effect within this
    /// time. 0 reads the store on every request.
    /// </summary>
    public int CacheSeconds { get; set; } = 10;

    /// <summary>How long a key created without <c>--expires</c> lives.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);
}
