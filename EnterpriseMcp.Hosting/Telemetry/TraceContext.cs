using System.Diagnostics;
using System.Text.Json.Nodes;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Hosting.Telemetry;

/// <summary>MCP carries W3C trace context in <c>params._meta</c>, so a client's trace continues here.</summary>
internal static class TraceContext
{
    public static ActivityContext FromMeta(JsonRpcRequest request)
    {
        var meta = request.Params?["_meta"] as JsonObject;
        if (McpMessageFields.String(meta, "traceparent") is { } traceparent &&
            ActivityContext.TryParse(traceparent, McpMessageFields.String(meta, "tracestate"), isRemote: true, out var context))
        {
            return context;
        }

        return Activity.Current?.Context ?? default;
    }
}
