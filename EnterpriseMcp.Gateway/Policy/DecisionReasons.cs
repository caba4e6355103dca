namespace EnterpriseMcp.Gateway.Policy;

/// <summary>The one sentence of a <see cref="PolicyDecision"/> that an administrator reads in a log.</summary>
internal static class DecisionReasons
{
    public static string NoRule(PolicyTargetKind kind, string name) =>
        $"No rule of the policy matches the {KindOf(kind)} '{name}'; unmatched names are denied.";

    public static string Allowed(PolicyRule rule, PolicyTargetKind kind, string name) =>
        $"Rule '{rule.Name}' allows the {KindOf(kind)} '{name}' to the caller.";

    public static string LacksScopes(PolicyRule rule, string[] missing) => missing.Length == rule.Scopes.Length
        ? $"Rule '{rule.Name}' requires {Scopes(missing)}, which the caller lacks."
        : $"Rule '{rule.Name}' requires {Scopes(rule.Scopes)}, and the caller lacks {List(missing)}.";

    public static string LacksRolesOrGroups(PolicyRule rule, string[] missing)
    {
        var needed = (rule.Roles.Length, rule.Groups.Length) switch
        {
            (> 0, > 0) => $"one of the roles {string.Join(", ", rule.Roles)} or groups {string.Join(", ", rule.Groups)}",
            (> 0, _) => $"one of the roles {string.Join(", ", rule.Roles)}",
            _ => $"one of the groups {string.Join(", ", rule.Groups)}",
        };
        var also = missing.Length == 0 ? "" : $" It also lacks {Scopes(missing)}.";
        return $"Rule '{rule.Name}' requires {needed}, and the caller has none of them.{also}";
    }

    public static string BackendDemands(string rule, string backend, string tool, string[] lacking) =>
        $"Rule '{rule}' allows the tool '{tool}', but its backend '{backend}' requires {Scopes(lacking)} for it, which the caller lacks.";

    public static string BackendAlsoDemands(string backend, string[] lacking) =>
        $"Its backend '{backend}' also requires {Scopes(lacking)}.";

    public static string KindOf(PolicyTargetKind kind) => kind switch
    {
        PolicyTargetKind.Tool => "tool",
        PolicyTargetKind.Prompt => "prompt",
        _ => "resource",
    };

    private static string Scopes(string[] scopes) => scopes.Length == 1 ? $"the scope {scopes[0]}" : $"the scopes {List(scopes)}";

    private static string List(string[] values) =>
        values.Length == 1 ? values[0] : $"{string.Join(", ", values[..^1])} and {values[^1]}";
}
