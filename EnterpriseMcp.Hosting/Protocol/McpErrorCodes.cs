namespace EnterpriseMcp.Hosting.Protocol;

/// <summary>JSON-RPC error codes the transport itself answers with.</summary>
public static class McpErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>Transport-level rejection without a more specific code (used by every MCP SDK).</summary>
    public const int ServerError = -32000;

    /// <summary>The session named by Mcp-Session-Id does not exist (any more).</summary>
    public const int SessionNotFound = -32001;

    /// <summary>A header disagrees with the body it describes (2026-07-28).</summary>
    public const int HeaderMismatch = -32020;

    /// <summary>The request needs a capability the client did not declare (2026-07-28).</summary>
    public const int MissingClientCapability = -32021;

    /// <summary>The requested protocol revision is not served here (2026-07-28).</summary>
    public const int UnsupportedProtocolVersion = -32022;
}
