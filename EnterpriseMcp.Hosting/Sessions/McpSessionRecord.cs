using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// What must outlive one replica for a 2025-generation session: who owns it and how the client
/// initialized it, so any replica can rebuild the session's server from it.
/// </summary>
public sealed record McpSessionRecord(string Id, string? UserKey, DateTimeOffset CreatedAt)
{
    public InitializeRequestParams? InitializeParams { get; init; }
}
