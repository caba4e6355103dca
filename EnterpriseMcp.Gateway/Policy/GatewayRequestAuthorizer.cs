using System.Security.Claims;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// The gateway's one policy as the pipeline (<see cref="PolicyStep"/>), the lists and the listeners ask it: what a caller
/// may call (tools/call, prompts/get, resources/read and subscribe, completions) and what its lists show. Applied when
/// the gateway validates tokens; in development mode (no authority, loopback only) everything is allowed.
/// </summary>
internal sealed class GatewayRequestAuthorizer(AccessPolicy policy, BackendScopeDemands demands, IOptions<McpAuthOptions> auth)
{
    public bool Enforced => auth.Value.ValidatesTokens;

    public McpPrincipal PrincipalOf(ClaimsPrincipal? user) => McpPrincipal.From(user, auth.Value.RoleClients);

    /// <summary>Whether a list shows <paramref name="name"/> to <paramref name="caller"/>.</summary>
    public bool Shows(McpPrincipal caller, PolicyTargetKind kind, string name) =>
        !Enforced || (policy.Allows(caller, kind, name) && demands.HeldBy(caller, kind, name));

    /// <summary>The policy's decision with what the named tool's backend demands of the caller's scopes (<see cref="BackendScopeDemands"/>).</summary>
    public PolicyDecision Decide(McpPrincipal caller, PolicyTargetKind kind, string name) =>
        demands.Narrow(policy.Decide(caller, kind, name), caller);
}
