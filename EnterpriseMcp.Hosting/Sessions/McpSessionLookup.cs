namespace EnterpriseMcp.Hosting.Sessions;

internal enum McpSessionLookupStatus
{
    Found,
    NotFound,
    OtherUser,

    /// <summary>Not started: the user already holds <c>Mcp:Http:MaxSessionsPerUser</c> open sessions.</summary>
    UserAtSessionLimit,
}

/// <summary>A found session comes with its request counted in (<see cref="Lease"/>), so it cannot hibernate under the request.</summary>
internal readonly record struct McpSessionLookup(McpSessionLookupStatus Status, McpLiveSession? Session = null,
    McpLiveSession.RequestLease Lease = default);
