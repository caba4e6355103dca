using EnterpriseMcp.Hosting.Authorization;
using EnterpriseMcp.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EnterpriseMcp.Gateway.Policy;

/// <summary>
/// Decides who may use which tool, prompt and resource from <c>Gateway:Policy</c>: the first rule whose patterns of
/// that kind match the name decides, and a name no rule matches is denied. Recompiled when the configuration changes
/// (a change that fails validation never reaches it, so the previous policy stays); safe to call from any thread.
/// </summary>
public sealed class AccessPolicy : IDisposable
{
    private static readonly string[] None = [];
    private readonly IDisposable? _subscription;
    private CompiledPolicy _policy;

    /// <summary>The gateway's policy: validated at start, then following the one watcher of the gateway's settings.</summary>
    internal AccessPolicy(IOptions<PolicyOptions> initial, GatewaySettingsMonitor settings)
    {
        _policy = new CompiledPolicy(initial.Value);
        Action<GatewaySettings, GatewaySettings> follow = (previous, next) =>
        {
            if (next.Policy != previous.Policy)
            {
                Volatile.Write(ref _policy, new CompiledPolicy(next.Policy));
                Changed?.Invoke();
            }
        };
        settings.Changed += follow;
        _subscription = new Unsubscribe(() => settings.Changed -= follow);
    }

    /// <summary>A policy that follows <paramref name="options"/>, e.g. one a host binds itself.</summary>
    public AccessPolicy(IOptionsMonitor<PolicyOptions> options)
    {
        _policy = new CompiledPolicy(options.CurrentValue);
        _subscription = options.OnChange(changed =>
        {
            Volatile.Write(ref _policy, new CompiledPolicy(changed));
            Changed?.Invoke();
        });
    }

    /// <summary>Raised after a reload put new rules in force.</summary>
    public event Action? Changed;

    /// <summary>Every scope some rule requires, distinct and in ordinal order: for RFC 9728 metadata and 401 challenges.</summary>
    public IReadOnlyList<string> ScopesSupported => Volatile.Read(ref _policy).ScopesSupported;

    /// <summary>Roles whose holders may ask the policy to explain itself.</summary>
    public IReadOnlySet<string> AdminRoles => Volatile.Read(ref _policy).AdminRoles;

    /// <summary>Whether <paramref name="principal"/> may use the named target; allocates nothing once the name was seen.</summary>
    public bool Allows(McpPrincipal principal, PolicyTargetKind kind, string name) =>
        Volatile.Read(ref _policy).RuleFor(kind, name) is { } rule && rule.GrantsScopesTo(principal) && rule.GrantsRolesOrGroupsTo(principal);

    /// <summary>Whether some rule decides on the named target; a name no rule matches is hidden from every caller.</summary>
    public bool HasRuleFor(PolicyTargetKind kind, string name) => Volatile.Read(ref _policy).RuleFor(kind, name) is not null;

    /// <summary>The rule that decides on the named target, if any.</summary>
    internal PolicyRule? RuleFor(PolicyTargetKind kind, string name) => Volatile.Read(ref _policy).RuleFor(kind, name);

    /// <summary>The decision with its reasons: for refusals a client or an administrator reads.</summary>
    public PolicyDecision Decide(McpPrincipal principal, PolicyTargetKind kind, string name)
    {
        if (Volatile.Read(ref _policy).RuleFor(kind, name) is not { } rule)
        {
            return new PolicyDecision(false, kind, name, null, null, None, None, None, false, DecisionReasons.NoRule(kind, name));
        }

        var missing = rule.Scopes.Where(scope => !principal.Scopes.Contains(scope)).ToArray();
        var rolesOrGroups = rule.GrantsRolesOrGroupsTo(principal);
        var allowed = missing.Length == 0 && rolesOrGroups;
        var reason = allowed ? DecisionReasons.Allowed(rule, kind, name)
            : !rolesOrGroups ? DecisionReasons.LacksRolesOrGroups(rule, missing)
            : DecisionReasons.LacksScopes(rule, missing);
        return new PolicyDecision(allowed, kind, name, rule.Index, rule.Name, rule.RequiredScopes, missing, rule.RequiredRolesOrGroups,
            FixableByScopes: !allowed && rolesOrGroups, reason);
    }

    public void Dispose() => _subscription?.Dispose();

    private sealed class Unsubscribe(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
