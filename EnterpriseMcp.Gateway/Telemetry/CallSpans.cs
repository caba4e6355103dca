using System.Diagnostics;
using EnterpriseMcp.Gateway.Pipeline;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>
/// What the gateway decided about a call, on the span that serves it: who called (<c>enduser.id</c>, the client), the
/// policy's decision and rule, the limit that refused it, the backend and its circuit, and how the call ended. A span is
/// one event, not a series, so it keeps the values themselves, not their bounded labels.
/// </summary>
internal static class CallSpans
{
    public static void Tag(Activity? span, GatewayCall call, string outcome, string? limit)
    {
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        span.SetTag("enduser.id", call.Caller.Subject);
        span.SetTag("mcp.gateway.client_id", call.Caller.ClientId);
        span.SetTag("mcp.gateway.decision", CallLabels.DecisionOf(call));
        span.SetTag("mcp.gateway.rule", call.Decision?.RuleName);
        span.SetTag("mcp.gateway.outcome", outcome);
        span.SetTag("mcp.gateway.limit", limit);
        if (call.Target?.Backend is { } backend)
        {
            span.SetTag("mcp.gateway.backend", backend.Name);
            span.SetTag("mcp.gateway.backend.circuit_state", CallLabels.CircuitOf(backend.Circuit.State));
        }
    }
}
