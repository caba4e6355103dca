using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.RateLimiting;
using EnterpriseMcp.Gateway.Routing;
using EnterpriseMcp.Hosting.Http;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Keeps a record of each call refused before it reached a backend (denied by the policy, limited) before the refusal
/// is written; when the record cannot be kept (closed failure mode) the answer is 503 instead.
/// </summary>
internal sealed class RefusalAudit(AuditTrail trail, CallRecords records, GatewayRequestAuthorizer authorizer, BackendRegistry registry,
    TimeProvider time) : IMcpRefusalObserver
{
    public async ValueTask<McpAdmissionRefusal?> OnRefusedAsync(HttpContext context, JsonRpcRequest request, McpAdmissionRefusal refusal,
        CancellationToken cancellationToken)
    {
        if (!trail.Enabled || CallTarget.Of(request, registry) is not { } target)
        {
            return null;
        }

        var caller = authorizer.PrincipalOf(context.User);
        var limited = refusal.StatusCode == CallLimitAdmission.TooManyRequests;
        var decision = limited ? null : authorizer.Decide(caller, target.Kind, target.Name);
        var record = records.Of(request, caller, target.Name, target.Backend?.Name, target.OriginalName,
            limited ? AuditOutcome.Limited : AuditOutcome.Denied, time.GetTimestamp(),
            rule: limited ? (string?)refusal.Data?["limit"] : decision?.RuleName,
            reason: decision?.Reason ?? refusal.Message,
            errorType: refusal.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await trail.KeepAsync(record, cancellationToken) ? null : Unavailable;
    }

    public static readonly McpAdmissionRefusal Unavailable = new(StatusCodes.Status503ServiceUnavailable, McpErrorCodes.ServerError,
        "Service unavailable: the gateway cannot record calls in its audit log now, so it makes none. Retry later.");
}
