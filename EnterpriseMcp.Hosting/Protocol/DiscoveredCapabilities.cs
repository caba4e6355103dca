using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Protocol;

/// <summary>
/// Puts <c>logging</c> back into a <c>server/discover</c> result when the server declares it. The SDK leaves it out
/// of 2026-07-28 discovery because <c>logging/setLevel</c> is gone there, but a 2026 client still sets a level in
/// <c>_meta</c> and gets log notifications, and clients act only on what a server declares: without it Inspector
/// refuses to set a level and mcp-remote drops the log messages.
/// </summary>
internal static class DiscoveredCapabilities
{
    public static McpMessageFilter Create() => next => (context, cancellationToken) =>
    {
        if (DeclaresLogging(context.Server)
            && context.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result } && IsDiscoverResult(result))
        {
            ((JsonObject)result["capabilities"]!)["logging"] ??= new JsonObject();
        }

        return next(context, cancellationToken);
    };

#pragma warning disable MCP9005 // Deprecated from 2026-07-28 (SEP-2577), yet still in the revision and still used.
    private static bool DeclaresLogging(McpServer server) => server.ServerOptions.Capabilities?.Logging is not null;
#pragma warning restore MCP9005

    // Only a discover result names the versions it supports beside its capabilities; a response does not carry its method.
    private static bool IsDiscoverResult(JsonObject result) =>
        result["supportedVersions"] is JsonArray && result["capabilities"] is JsonObject;
}
