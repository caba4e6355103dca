namespace EnterpriseMcp.Hosting.Sessions;

internal enum McpSessionLookupStatus
{
    Found,
    NotFound,
    OtherUser,
}

internal readonly record struct McpSessionLookup(McpSessionLookupStatus Status, McpLiveSession? Session = null);
