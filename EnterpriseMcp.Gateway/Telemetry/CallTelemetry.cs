using System.Diagnostics;
using EnterpriseMcp.Gateway.Audit;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Hosting.Http;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Telemetry;

/// <summary>
/// Each call's end as metrics and span attributes, whether or not the audit is on: forwarded calls when their answer
/// is known (<see cref="CallAudit"/>), refused ones (denied, limited) here, as an observer of every refusal.
/// </summary>
internal sealed class CallTelemetry(CallMetrics metrics, GatewayCalls calls) : IMcpRefusalObserver
{
    public void Ended(JsonRpcRequest request, GatewayCall call, AuditOutcome outcome, string? errorType)
    {
        var label = CallLabels.OutcomeOf(outcome, errorType);
        metrics.Record(request, call, label, limit: null);
        CallSpans.Tag(Activity.Current, call, label, limit: null);
    }

    public ValueTask<McpAdmissionRefusal?> OnRefusedAsync(HttpContext context, JsonRpcRequest request, McpAdmissionRefusal refusal,
        CancellationToken cancellationToken)
    {
        var call = calls.Of(context.User, request);
        if (call.Target is not null)
        {
            var outcome = RefusalAudit.OutcomeOf(refusal);
            var limit = outcome == AuditOutcome.Limited ? (string?)refusal.Data?["limit"] ?? CallLabels.Unknown : null;
            var label = CallLabels.OutcomeOf(outcome, errorType: null);
            metrics.Record(request, call, label, limit);
            CallSpans.Tag(Activity.Current, call, label, limit);
        }

        return ValueTask.FromResult<McpAdmissionRefusal?>(null);
    }
}
