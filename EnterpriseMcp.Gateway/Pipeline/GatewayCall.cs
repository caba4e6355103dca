using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Pipeline;

/// <summary>
/// One request as each step of the gateway's pipeline sees it (policy → rate limits → forwarding → audit), resolved once
/// when it arrives and kept with the message (<see cref="GatewayCalls"/>): who calls, what it names and where that
/// leads, and what the steps found, so no step reads the body or the token again.
/// </summary>
internal sealed class GatewayCall(McpPrincipal caller, CallTarget? target, long startedAt)
{
    public McpPrincipal Caller { get; } = caller;

    /// <summary>The caller's stable key, issuer and subject (<see cref="McpPrincipal.Key"/>); <c>(anonymous)</c> in development mode.</summary>
    public string CallerKey { get; } = caller.Key ?? "(anonymous)";

    /// <summary>What the request names; null for requests that name nothing (lists, pings, ...).</summary>
    public CallTarget? Target { get; } = target;

    /// <summary>When the gateway received it (a <see cref="TimeProvider"/> timestamp): the audit's duration starts here.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>The policy step's decision; null when no policy applies (development mode) or the request names nothing.</summary>
    public PolicyDecision? Decision { get; set; }

    /// <summary>The size of the backend's answer, filled in by the forwarding step.</summary>
    public AnswerSize Answer { get; } = new();
}
