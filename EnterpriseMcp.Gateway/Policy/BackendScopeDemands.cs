using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Gateway.Federation;
using EnterpriseMcp.Hosting.Authorization;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// The scopes a backend itself demands for one of its tools (declared in its listing), where the call will carry the
/// caller's own exchanged token and so be judged by the caller's scopes. The gateway adds them to its policy's, so it
/// neither lists nor forwards a call the backend would refuse: the caller gets the gateway's 403 with a step-up
/// challenge for the exposed name instead of the backend's refusal.
/// </summary>
internal sealed class BackendScopeDemands(Func<FederatedCatalog> catalog)
{
    public BackendScopeDemands(BackendRegistry registry)
        : this(() => registry.Catalog)
    {
    }

    /// <summary>No backend demands anything: for a policy used without backends.</summary>
    public static BackendScopeDemands None { get; } = new(() => FederatedCatalog.Empty);

    public IReadOnlyList<string> Of(PolicyTargetKind kind, string name, out string backend)
    {
        if (kind == PolicyTargetKind.Tool && catalog().TryFindTool(name, out var tool) && tool.Backend.Connection.CallsAsUser
            && tool.DeclaredScopes is { Count: > 0 } declared)
        {
            backend = tool.Backend.Name;
            return declared;
        }

        backend = "";
        return [];
    }

    /// <summary>Whether <paramref name="caller"/> holds every scope the backend demands; allocates nothing.</summary>
    public bool HeldBy(McpPrincipal caller, PolicyTargetKind kind, string name)
    {
        var demanded = Of(kind, name, out _);
        for (var i = 0; i < demanded.Count; i++)
        {
            if (!caller.Scopes.Contains(demanded[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The policy's decision, narrowed by what the backend demands: a denial that more scopes would fix names them all.</summary>
    public PolicyDecision Narrow(PolicyDecision decision, McpPrincipal caller)
    {
        if (decision.RuleIndex is null || HeldBy(caller, decision.Kind, decision.Name))
        {
            return decision;
        }

        var demanded = Of(decision.Kind, decision.Name, out var backend);
        var lacking = demanded.Where(scope => !caller.Scopes.Contains(scope)).ToArray();
        string[] required = [.. decision.RequiredScopes.Union(demanded, StringComparer.Ordinal)];
        return decision with
        {
            Allowed = false,
            RequiredScopes = Array.AsReadOnly(required),
            MissingScopes = Array.AsReadOnly(required.Where(scope => !caller.Scopes.Contains(scope)).ToArray()),
            FixableByScopes = decision.Allowed || decision.FixableByScopes,
            Reason = decision.Allowed
                ? DecisionReasons.BackendDemands(decision.RuleName!, backend, decision.Name, lacking)
                : $"{decision.Reason} {DecisionReasons.BackendAlsoDemands(backend, lacking)}",
        };
    }
}
