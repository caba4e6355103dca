using System.Diagnostics;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Resilience;
using EnterpriseMcp.Hosting.Protocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>
/// The gateway as an MCP client: a span per request to a backend (<c>{method} {target}</c>, kind client, MCP
/// conventions), whose context the request carries to the tool server in <c>params._meta.traceparent</c> and the
/// <c>traceparent</c> header, so the tool server's span joins the caller's trace.
/// </summary>
internal static class BackendSpans
{
    public const string SourceName = "EnterpriseMcp.Gateway";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Null outside a caller's request: the monitor's pings and listings would each start a trace of their own.</summary>
    public static Activity? Start(string backend, string method, JsonNode? parameters, CircuitState circuit)
    {
        if (Activity.Current is null || !Source.HasListeners())
        {
            return null;
        }

        var target = McpMessageFields.String(parameters, "name") ?? McpMessageFields.String(parameters, "uri");
        var span = Source.StartActivity(target is null ? method : $"{method} {target}", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("mcp.method.name", method);
            span.SetTag("mcp.gateway.backend", backend);
            span.SetTag("mcp.gateway.backend.circuit_state", CallLabels.CircuitOf(circuit));
            if (method == RequestMethods.ToolsCall)
            {
                span.SetTag("gen_ai.tool.name", target);
                span.SetTag("gen_ai.operation.name", "execute_tool");
            }
        }

        return span;
    }

    public static void Failed(Activity? span, string errorType)
    {
        span?.SetTag("error.type", errorType);
        span?.SetStatus(ActivityStatusCode.Error);
    }

    /// <summary>The current span's context in <paramref name="meta"/>, in place of any the caller sent (its span is this one's ancestor).</summary>
    public static void Propagate(JsonObject meta)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } span)
        {
            meta["traceparent"] = span.Id;
            if (span.TraceStateString is { } state)
            {
                meta["tracestate"] = state;
            }
        }
    }
}
