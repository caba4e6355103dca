using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Hosting.Http;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Audit;

/// <summary>
/// Refuses (503) the calls the audit would record while its store is known to be down (closed failure mode), before
/// they reach a backend: otherwise the call would be made and only its answer withheld.
/// </summary>
internal sealed class AuditAdmission(AuditTrail trail, GatewayCalls calls) : IMcpRequestAdmission
{
    public async ValueTask<McpAdmission> AdmitAsync(HttpContext context, JsonRpcRequest request, CancellationToken cancellationToken) =>
        calls.Of(context.User, request).Target is null || await trail.AdmitsCallsAsync(cancellationToken)
            ? McpAdmission.Admit()
            : McpAdmission.Refuse(RefusalAudit.Unavailable);
}
