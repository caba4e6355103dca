using EnterpriseMcp.Gateway.Pipeline;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// The pipeline's first step when the gateway validates tokens: the policy's decision on what the request names, kept on
/// its <see cref="GatewayCall"/> (the audit records its rule); a denial is answered 403, with a step-up challenge when
/// scopes would change it.
/// </summary>
internal sealed class PolicyStep(GatewayRequestAuthorizer authorizer, GatewayCalls calls, AccessPolicy policy) : IMcpRequestAuthorizer
{
    public IReadOnlyList<string> ScopesSupported => policy.ScopesSupported;

    public McpAccessDenial? Authorize(HttpContext context, JsonRpcRequest request)
    {
        var call = calls.Of(context.User, request);
        if (call.Target is not { } target)
        {
            return null;
        }

        var decision = call.Decision = authorizer.Decide(call.Caller, target.Kind, target.Name);
        if (decision.Allowed)
        {
            return null;
        }

        var what = $"{target.Kind.ToString().ToLowerInvariant()} '{target.Name}'";
        return decision.FixableByScopes
            ? new McpAccessDenial(
                $"Forbidden: the {what} needs the scope(s) {string.Join(" ", decision.RequiredScopes)}, which the access token does not all grant. Ask for them and retry.",
                decision.RequiredScopes, decision.Reason)
            : new McpAccessDenial($"Forbidden: the gateway's policy does not allow this caller the {what}, and no scope would change that.",
                null, decision.Reason);
    }
}
