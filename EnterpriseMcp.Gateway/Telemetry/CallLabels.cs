using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Gateway.Resilience;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>The values the gateway's call metrics and spans share, each from a small fixed set.</summary>
internal static class CallLabels
{
    /// <summary>A name the catalog does not have, or a call that leads to no backend: a caller's made-up names are not series.</summary>
    public const string Unknown = "_unknown";

    public static string DecisionOf(GatewayCall call) => call.Decision switch
    {
        null => "none",
        { Allowed: true } => "allow",
        _ => "deny",
    };

    /// <summary>How a call ended: the audit's outcome, split where the audit keeps the detail in its error type.</summary>
    public static string OutcomeOf(AuditOutcome outcome, string? errorType) => outcome switch
    {
        AuditOutcome.Allowed => errorType switch
        {
            "tool_error" => "tool_error",
            "input_required" => "input_required",
            _ => "answered",
        },
        AuditOutcome.Denied => "denied",
        AuditOutcome.Limited => "limited",
        _ => "failed",
    };

    public static string ToolOf(JsonRpcRequest request, GatewayCall call) =>
        request.Method == RequestMethods.ToolsCall && call.Target?.Tool is not null ? call.Target.Name : Unknown;

    public static string BackendOf(GatewayCall call) => call.Target?.Backend?.Name ?? Unknown;

    public static string CircuitOf(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        _ => "half_open",
    };
}
