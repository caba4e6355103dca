using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// What must outlive one replica for a 2025-generation session: who owns it and how the client
/// initialized it and the log level it set, so any replica can rebuild the session's server from it.
/// </summary>
public sealed record McpSessionRecord(string Id, string? UserKey, DateTimeOffset CreatedAt)
{
    public InitializeRequestParams? InitializeParams { get; init; }

    /// <summary>The level the client set with logging/setLevel, which a rebuilt server is given again.</summary>
    public LoggingLevel? LogLevel { get; init; }
}
