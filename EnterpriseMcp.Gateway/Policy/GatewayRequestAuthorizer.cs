using System.Security.Claims;
using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Hosting.Protocol;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// The gateway's one policy applied to requests: what a caller may call (tools/call, prompts/get, resources/read and
/// subscribe, completions) and what its lists show. Applied when the gateway validates tokens; in development mode
/// (no authority, loopback only) everything is allowed.
/// </summary>
internal sealed class GatewayRequestAuthorizer(AccessPolicy policy, BackendScopeDemands demands, IOptions<McpAuthOptions> auth) : IMcpRequestAuthorizer
{
    public IReadOnlyList<string> ScopesSupported => policy.ScopesSupported;

    public bool Enforced => auth.Value.ValidatesTokens;

    public McpPrincipal PrincipalOf(ClaimsPrincipal? user) => McpPrincipal.From(user, auth.Value.RoleClients);

    /// <summary>Whether a list shows <paramref name="name"/> to <paramref name="caller"/>.</summary>
    public bool Shows(McpPrincipal caller, PolicyTargetKind kind, string name) =>
        !Enforced || (policy.Allows(caller, kind, name) && demands.HeldBy(caller, kind, name));

    /// <summary>The policy's decision with what the named tool's backend demands of the caller's scopes (<see cref="BackendScopeDemands"/>).</summary>
    public PolicyDecision Decide(McpPrincipal caller, PolicyTargetKind kind, string name) =>
        demands.Narrow(policy.Decide(caller, kind, name), caller);

    public McpAccessDenial? Authorize(Microsoft.AspNetCore.Http.HttpContext context, JsonRpcRequest request)
    {
        if (TargetOf(request) is not { } target)
        {
            return null;
        }

        var decision = Decide(PrincipalOf(context.User), target.Kind, target.Name);
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

    /// <summary>What a request acts on, by the name the gateway exposes; null for requests the policy does not govern.</summary>
    private static (PolicyTargetKind Kind, string Name)? TargetOf(JsonRpcRequest request)
    {
        switch (request.Method)
        {
            case RequestMethods.ToolsCall:
                return (PolicyTargetKind.Tool, McpMessageFields.Target(request) ?? "");
            case RequestMethods.PromptsGet:
                return (PolicyTargetKind.Prompt, McpMessageFields.Target(request) ?? "");
            case RequestMethods.ResourcesRead or RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe:
                return (PolicyTargetKind.Resource, McpMessageFields.String(request.Params, "uri") ?? "");
            case RequestMethods.CompletionComplete:
                var reference = request.Params?["ref"];
                return McpMessageFields.String(reference, "type") == "ref/prompt"
                    ? (PolicyTargetKind.Prompt, McpMessageFields.String(reference, "name") ?? "")
                    : (PolicyTargetKind.Resource, McpMessageFields.String(reference, "uri") ?? "");
            default:
                return null;
        }
    }
}
