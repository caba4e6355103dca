using System.Globalization;
using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Keeps a record of each call refused before it reached a backend (denied by the policy, limited) before the refusal is
/// written; when the record cannot be kept (closed failure mode) the answer is
/// 503 instead.
/// </summary>
internal sealed class RefusalAudit(AuditTrail trail, CallRecords records, GatewayCalls calls) : IMcpRefusalObserver
{
    public async ValueTask<McpAdmissionRefusal?> OnRefusedAsync(HttpContext context, JsonRpcRequest request, McpAdmissionRefusal refusal,
        CancellationToken cancellationToken)
    {
        var call = calls.Of(context.User, request);
        // A refusal because the store is down is not written to it: the write would wait on the store only to fail.
        if (!trail.Enabled || call.Target is null || ReferenceEquals(refusal, Unavailable))
        {
            return null;
        }

        var outcome = OutcomeOf(refusal);
        var record = records.Of(request, call, outcome,
            rule: outcome == AuditOutcome.Limited ? (string?)refusal.Data?["limit"] : null,
            reason: outcome == AuditOutcome.Denied ? call.Decision?.Reason ?? refusal.Message : refusal.Message,
            errorType: refusal.StatusCode.ToString(CultureInfo.InvariantCulture));
        return await trail.KeepAsync(record, cancellationToken) ? null : Unavailable;
    }

    /// <summary>What a refusal means for a call: limited (429), denied (401, 403), or failed (anything else, such as 503).</summary>
    public static AuditOutcome OutcomeOf(McpAdmissionRefusal refusal) => refusal.StatusCode switch
    {
        StatusCodes.Status429TooManyRequests => AuditOutcome.Limited,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => AuditOutcome.Denied,
        _ => AuditOutcome.Failed,
    };

    // Retry-After: the store is probed again at most once a second (AuditTrail.AdmitsCallsAsync).
    public static readonly McpAdmissionRefusal Unavailable = new(StatusCodes.Status503ServiceUnavailable, McpErrorCodes.ServerError,
        "Service unavailable: the gateway cannot record calls in its audit log now, so it makes none. Retry later.",
        Headers: new Dictionary<string, string> { ["Retry-After"] = "1" });
}
