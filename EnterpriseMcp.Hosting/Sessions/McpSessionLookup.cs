namespace EnterpriseMcp.Hosting.Sessions;

internal enum McpSessionLookupStatus
{
    Found,
    NotFound,
    OtherUser,
}

/// <summary>A found session comes with its request counted in (<see cref="Lease"/>), so it cannot hibernate under the request.</summary>
internal readonly record struct McpSessionLookup(McpSessionLookupStatus Status, McpLiveSession? Session = null,
    McpLiveSession.RequestLease Lease = default);
